"""Uploaded files stored in PostgreSQL: no server keeps a file that another server would need."""

from io import BytesIO

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import models
from django.db.models.functions import Substr
from django.db.models.signals import post_delete, post_init, post_save
from django.urls import reverse
from django.utils.deconstruct import deconstructible

from . import uploads

# Served in slices of this size, so that a 20 Mo file never sits whole in a server's memory.
CHUNK_SIZE = 256 * 1024


@deconstructible
class DatabaseStorage(Storage):
    def _model(self):
        from .models import StoredFile

        return StoredFile

    def _open(self, name, mode="rb"):
        stored = self._model().objects.get(name=name)
        return ContentFile(bytes(stored.content), name=name)

    def _save(self, name, content):
        content.seek(0)  # the validators read it already
        data = content.read()
        # The type served later is the one read from the content, never the uploader's.
        content_type = uploads.detect(BytesIO(data))
        self._model().objects.create(name=name, content=data, size=len(data), content_type=content_type)
        return name

    def exists(self, name):
        return self._model().objects.filter(name=name).exists()

    def delete(self, name):
        self._model().objects.filter(name=name).delete()

    def size(self, name):
        return self._model().objects.values_list("size", flat=True).get(name=name)

    def url(self, name):
        return reverse("cbe_portal:stored_file", args=[name])


def chunks(stored_file):
    """The content of `stored_file` (loaded without it) in slices read by PostgreSQL."""
    model = type(stored_file)
    for start in range(0, stored_file.size, CHUNK_SIZE):
        piece = Substr("content", start + 1, CHUNK_SIZE, output_field=models.BinaryField())
        chunk = model.objects.filter(pk=stored_file.pk).values_list(piece, flat=True).first()
        if not chunk:  # replaced or deleted while being served
            return
        yield bytes(chunk)


def watch_files():
    """Delete a stored file once no record points to it any more: Django's file fields leave the
    old file behind when it is replaced or cleared, and when the record is deleted. Storage
    housekeeping, not domain logic: it runs for every model with a file field, in the transaction
    of the save or delete (a rollback keeps the file)."""
    for model in apps.get_models():
        if any(isinstance(field, models.FileField) for field in model._meta.concrete_fields):
            post_init.connect(_remember_files, sender=model, weak=False)
            post_save.connect(_delete_replaced_files, sender=model, weak=False)
            post_delete.connect(_delete_files_of_deleted, sender=model, weak=False)


def _file_fields(instance):
    return [field for field in instance._meta.concrete_fields if isinstance(field, models.FileField)]


def _current_name(instance, field) -> str | None:
    """The name held by the record, None when the field was not loaded (deferred)."""
    if field.attname not in instance.__dict__:
        return None
    value = instance.__dict__[field.attname]
    return getattr(value, "name", value) or ""


def _remember_files(sender, instance, **kwargs):
    instance._stored_file_names = {field.attname: _current_name(instance, field) for field in _file_fields(instance)}


def _delete_replaced_files(sender, instance, **kwargs):
    remembered = getattr(instance, "_stored_file_names", {})
    for field in _file_fields(instance):
        old, new = remembered.get(field.attname), _current_name(instance, field)
        if old and new is not None and old != new:
            _delete_if_unused(sender, field, old)
    _remember_files(sender, instance)


def _delete_files_of_deleted(sender, instance, **kwargs):
    for field in _file_fields(instance):
        if name := _current_name(instance, field):
            _delete_if_unused(sender, field, name)


def _delete_if_unused(model, field, name: str) -> None:
    if not model._default_manager.filter(**{field.name: name}).exists():
        field.storage.delete(name)
