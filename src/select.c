#include "lede-private.h"
