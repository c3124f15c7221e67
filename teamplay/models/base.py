"""Column helpers shared by the models."""
import time


def now_ms():
    """Wall-clock time in milliseconds since the epoch: the unit of every timestamp TeamPlay stores and sends."""
    return int(time.time() * 1000)


# The largest row id every database TeamPlay runs on can hold (the models' Integer keys: 32 bits on PostgreSQL). A
# number from outside beyond it names no row; asking the database for it is refused by the driver.
MAX_ROW_ID = 2**31 - 1
