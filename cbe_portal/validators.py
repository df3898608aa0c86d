"""Validators shared by every form: the identifiers of the French administration, phone numbers,
and the plausible range of dates and ages."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone

# La Poste's establishments share one SIREN and cannot all have a Luhn-valid SIRET: INSEE gives them
# SIRETs whose digits add up to a multiple of 5 instead.
LA_POSTE_SIREN = "356000000"


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def validate_siret(value: str) -> None:
    if not re.fullmatch(r"\d{14}", value or ""):
        raise ValidationError("Le SIRET doit comporter exactement 14 chiffres.", code="siret_format")
    la_poste = value.startswith(LA_POSTE_SIREN) and sum(int(char) for char in value) % 5 == 0
    if not (luhn_is_valid(value) or la_poste):
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


def validate_phone(value: str) -> None:
    """A French number (10 digits starting with 0) or an international one (+ and 8 to 15 digits);
    spaces, dots and dashes allowed between digits."""
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if not re.fullmatch(r"0[1-9]\d{8}|\+[1-9]\d{7,14}", digits):
        raise ValidationError(
            "Saisissez un numéro de téléphone à 10 chiffres (05 59 64 44 54) "
            "ou au format international (+33 5 59 64 44 54).",
            code="phone",
        )


EARLIEST_RECORD = datetime.date(2000, 1, 1)  # nothing the CBE records is older


def validate_past_date(value: datetime.date) -> None:
    """A date of something that happened: not after today, not before 2000."""
    if value and value > timezone.localdate():
        raise ValidationError(
            "Cette date est dans le futur : saisissez une date passée ou celle d'aujourd'hui.", code="future"
        )
    if value and value < EARLIEST_RECORD:
        raise ValidationError("Cette date est antérieure à 2000 : vérifiez l'année.", code="too_old")


def validate_planned_date(value: datetime.date) -> None:
    """A date that may be planned: up to one year ahead, not before 2000."""
    if value and value > timezone.localdate() + datetime.timedelta(days=366):
        raise ValidationError("Cette date est à plus d'un an : vérifiez l'année.", code="too_far")
    if value and value < EARLIEST_RECORD:
        raise ValidationError("Cette date est antérieure à 2000 : vérifiez l'année.", code="too_old")


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def validate_age(birth_date: datetime.date | None, day: datetime.date | None, minimum=16, maximum=99) -> None:
    """The person is `minimum` to `maximum` years old on `day` (nothing to check without both dates)."""
    if birth_date and day and age_on(birth_date, day) < 0:
        raise ValidationError(
            "La personne ne serait pas encore née à cette date : vérifiez la date de naissance.", code="age"
        )
    if birth_date and day and not minimum <= age_on(birth_date, day) <= maximum:
        raise ValidationError(
            f"La personne aurait {age_on(birth_date, day)} ans à cette date : l'âge doit être entre {minimum} "
            f"et {maximum} ans. Vérifiez la date de naissance.",
            code="age",
        )
