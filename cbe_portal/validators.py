"""Validators for the identifiers of the French administration."""

import re

from django.core.exceptions import ValidationError


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def validate_siret(value: str) -> None:
    if not re.fullmatch(r"\d{14}", value or ""):
        raise ValidationError("Le SIRET doit comporter exactement 14 chiffres.", code="siret_format")
    if not luhn_is_valid(value):
        raise ValidationError("Ce SIRET n'est pas valide : sa clé de contrôle est fausse.", code="siret_key")


def validate_insee_code(value: str) -> None:
    # Corsica's départements are 2A and 2B; overseas ones have three digits (97x).
    if not re.fullmatch(r"(\d{2}|2[AB])\d{3}", value or ""):
        raise ValidationError(
            "Le code INSEE d'une commune comporte 5 caractères (par exemple 40312).",
            code="insee_format",
        )


def validate_postal_code(value: str) -> None:
    if not re.fullmatch(r"\d{5}", value or ""):
        raise ValidationError("Le code postal comporte 5 chiffres.", code="postal_code")
