"""The portal as it runs in production: gunicorn processes in their production configuration, behind
what a load balancer would send them, on a real PostgreSQL.

`test_scale_out.py` (in the test suite): two servers on one database. `python -m tests.reliability`
(a CI step of its own, over a minute): a minute of load, then the database stopped in its middle."""
