#!/usr/bin/env bash
# A second development store beside ../shared/realstore's (which stays on 127.0.0.1:8088): the same
# setup.sh, copied with its own folder, port and database, so that another PrestaShop release (or a
# multistore) can run next to the first. Run as root, like setup.sh.
#
#   PS_SRC=/path/to/prestashop-versions PS_REF=v8.2.1 scripts/realstore/second-store.sh
#
# Then, to make it a multistore as the emulator's (shop 1; shops 2 and 3 in a group sharing stock
# and customers) and place real orders in its shops through PrestaShop's own validateOrder:
#
#   cp scripts/realstore/multistore.php scripts/realstore/order-in-shop.php /var/www/prestashop2/
#   cd /var/www/prestashop2 && su -s /bin/sh www-data -c 'php multistore.php'
#   su -s /bin/sh www-data -c 'php order-in-shop.php 2 1 1 2'   # shop 2: product 1, combination 1, 2 units
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
shared=${REALSTORE_DIR:-$here/../../../shared/realstore}
work=$(mktemp -d)
sed -e 's#^DOCROOT=/var/www/prestashop$#DOCROOT=/var/www/prestashop2#' \
  -e 's#^PORT=8088$#PORT=8089#' \
  -e 's#^DB_NAME=prestashop$#DB_NAME=prestashop2#' \
  -e 's#/tmp/realstore/env#/tmp/realstore2/env#' \
  -e 's#/tmp/realstore-install.log#/tmp/realstore2-install.log#' \
  -e 's#sites-available/prestashop.conf#sites-available/prestashop2.conf#' \
  -e 's#a2ensite -q prestashop >#a2ensite -q prestashop2 >#' \
  -e 's#prestashop_error.log#prestashop2_error.log#; s#prestashop_access.log#prestashop2_access.log#' \
  "$shared/setup.sh" >"$work/setup.sh"
# Keep the first store's listener: add this port to ports.conf rather than rewrite the file, and
# do not stop Apache (the first store keeps serving during the install).
python3 - "$work/setup.sh" <<'PY'
import sys
path = sys.argv[1]
text = open(path).read()
start = text.index('  cat >/etc/apache2/ports.conf <<EOF')
end = text.index('\nEOF\n', start) + len('\nEOF\n')
text = text[:start] + '  grep -q "Listen $HOST:$PORT" /etc/apache2/ports.conf || echo "Listen $HOST:$PORT" >>/etc/apache2/ports.conf\n' + text[end:]
text = text.replace('    stop_apache\n    unpack_source', '    unpack_source')
open(path, 'w').write(text)
PY
chmod +x "$work/setup.sh"
exec "$work/setup.sh" "$@"
