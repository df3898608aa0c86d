"""Uploaded files stored in PostgreSQL: no server keeps a file that another server would need."""

import mimetypes

from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.urls import reverse
from django.utils.deconstruct import deconstructible


@deconstructible
class DatabaseStorage(Storage):
    def _model(self):
        from .models import StoredFile

        return StoredFile

    def _open(self, name, mode="rb"):
        stored = self._model().objects.get(name=name)
        return ContentFile(bytes(stored.content), name=name)

    def _save(self, name, content):
        data = content.read()
        content_type = getattr(content, "content_type", None) or mimetypes.guess_type(name)[0]
        self._model().objects.create(name=name, content=data, size=len(data), content_type=content_type or "")
        return name

    def exists(self, name):
        return self._model().objects.filter(name=name).exists()

    def delete(self, name):
        self._model().objects.filter(name=name).delete()

    def size(self, name):
        return self._model().objects.values_list("size", flat=True).get(name=name)

    def url(self, name):
        return reverse("cbe_portal:stored_file", args=[name])
