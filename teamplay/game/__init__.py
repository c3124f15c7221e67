"""Pure rules of TeamPlay: no Flask, no database, no sockets. Functions take data and return data."""
