"""Sessions that end after `SESSION_COOKIE_AGE` without a request.

Django pushes a session's expiry back only when the session is saved. Saving it on every request
(`SESSION_SAVE_EVERY_REQUEST`) would cost a write per page; this store saves it when it is read
and its expiry was last pushed back more than a minute ago: at most one write a minute."""

import datetime

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

REFRESH_AFTER = datetime.timedelta(minutes=1)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        full_age = datetime.timedelta(seconds=self.get_session_cookie_age())
        if session and session.expire_date - timezone.now() < full_age - REFRESH_AFTER:
            self.modified = True
        return session
