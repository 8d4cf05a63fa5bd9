"""The integration API for applicant-tracking systems, under ``/api/v1`` (see docs/api.md).

``v1`` is the blueprint, ``auth`` the bearer tokens and scopes, ``errors``
the JSON errors, ``openapi`` the OpenAPI document, ``payloads`` request
validation and response shapes.
"""
