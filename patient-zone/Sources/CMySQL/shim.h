// The MySQL C API as shipped by MariaDB Connector/C (Debian default-libmysqlclient-dev).
#include <mysql.h>
