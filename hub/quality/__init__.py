"""Metadata quality: the data.europa.eu MQA indicators and the 5-star level of each
dataset, background link checks, stored scores and the ranking of organizations."""
