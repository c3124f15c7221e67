"""Column helpers shared by the models."""
import time


def now_ms():
    """Wall-clock time in milliseconds since the epoch: the unit of every timestamp TeamPlay stores and sends."""
    return int(time.time() * 1000)
