from __future__ import annotations

import stat

from hub.config import load_config


def test_defaults_live_in_the_instance_folder(tmp_path):
    config = load_config(env={"HUB_INSTANCE_DIR": str(tmp_path)})
    assert config["HUB_DATABASE_URL"] == f"sqlite:///{tmp_path / 'hub.db'}"
    assert config["HUB_DATA_DIR"] == str(tmp_path / "data")
    assert config["HUB_BASE_URL"] == "http://127.0.0.1:5000"


def test_secret_key_is_generated_once_and_private(tmp_path):
    first = load_config(env={"HUB_INSTANCE_DIR": str(tmp_path)})["HUB_SECRET_KEY"]
    second = load_config(env={"HUB_INSTANCE_DIR": str(tmp_path)})["HUB_SECRET_KEY"]
    assert first == second and len(first) == 64
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_environment_and_overrides(tmp_path):
    env = {
        "HUB_INSTANCE_DIR": str(tmp_path),
        "HUB_BASE_URL": "https://data.example.vn/",
        "HUB_SECRET_KEY": "from-env",
        "HUB_MAX_UPLOAD_BYTES": "1024",
    }
    config = load_config({"HUB_MAX_UPLOAD_BYTES": 10}, env=env)
    assert config["HUB_BASE_URL"] == "https://data.example.vn"
    assert config["HUB_SECRET_KEY"] == "from-env"
    assert config["HUB_MAX_UPLOAD_BYTES"] == 10
    assert load_config(env=env)["HUB_MAX_UPLOAD_BYTES"] == 1024
