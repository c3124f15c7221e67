"""Extension objects, created once here and bound to the app in create_app."""
from flask_babel import Babel
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)
socketio = SocketIO()
login_manager = LoginManager()
csrf = CSRFProtect()  # every form post carries a token; the cookie-less JSON API is exempt (see web/__init__.py)
babel = Babel()  # the language of each request: teamplay/i18n.py
