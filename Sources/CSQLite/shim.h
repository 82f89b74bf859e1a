#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H

#include <sqlite3.h>

/// Sets an on/off option of sqlite3_db_config. The C function is variadic, which Swift
/// cannot call directly, so this fixes the (int, int*) signature used by the boolean
/// SQLITE_DBCONFIG_* options. Returns an SQLite result code.
static inline int csqlite_db_config_flag(sqlite3 *db, int op, int enable) {
    return sqlite3_db_config(db, op, enable, (int *)0);
}

#endif
