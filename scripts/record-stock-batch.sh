#!/usr/bin/env bash
# Records what a real store answers to several stock_availables rows in one PUT: a valid batch, a batch
# whose second row has a bad value, one whose second row does not exist, and the form with a
# <stock_availables> wrapper; each write is followed by a re-read of its rows. The rows' quantities
# are put back at the end. Record only from a development store: stock-batch.exchanges.tsv lists
# every exchange (file, status, method, URL).
#
#   PS_URL=http://127.0.0.1:8088 PS_KEY=REALPEERFULLACCESSKEY00000000001 \
#     scripts/record-stock-batch.sh test/fixtures/realstore 6 7 8 12
#
# The four ids must be rows of products without combinations (no product-level sum moves with them).
set -euo pipefail
out=${1:?output folder}
shift
[ "$#" -eq 4 ] || { echo "four stock_availables ids of products without combinations" >&2; exit 2; }
ids=("$@")
url=${PS_URL:?PS_URL}
key=${PS_KEY:?PS_KEY}
list=$(IFS='|'; echo "${ids[*]}")
log="$out/stock-batch.exchanges.tsv"
printf 'file\tstatus\tmethod\turl\n' >"$log"

# name method path [body-file]
exchange() {
  local name=$1 method=$2 path=$3 body=${4:-}
  local args=(-s -g -X "$method" -u "$key:" -D "$out/$name.headers" -o "$out/$name")
  [ -n "$body" ] && args+=(-H 'Content-Type: text/xml' --data-binary "@$out/$body")
  local status
  status=$(curl "${args[@]}" -w '%{http_code}' "$url/api/$path")
  printf '%s\t%s\t%s\t%s\n' "$name" "$status" "$method" "$url/api/$path" >>"$log"
}

reread() { exchange "$1" GET "stock_availables?display=full&filter[id]=[$list]&sort=[id_ASC]"; }

# The rows as the store has them: the bodies below send them back whole, quantity changed.
reread stock-batch.before.xml
original=()
row_xml() { # id quantity
  local id=$1 quantity=$2 record
  record=$(python3 - "$out/stock-batch.before.xml" "$id" "$quantity" <<'PY'
import sys, xml.etree.ElementTree as ET
path, wanted, quantity = sys.argv[1], sys.argv[2], sys.argv[3]
for row in ET.parse(path).getroot().iter('stock_available'):
    if row.findtext('id') == wanted:
        fields = ['id', 'id_product', 'id_product_attribute', 'id_shop', 'id_shop_group', 'quantity',
                  'depends_on_stock', 'out_of_stock', 'location']
        values = {f: (row.findtext(f) or '') for f in fields}
        values['quantity'] = quantity
        print('<stock_available>' + ''.join(f'<{f}><![CDATA[{values[f]}]]></{f}>' for f in fields) + '</stock_available>')
PY
)
  printf '%s' "$record"
}
for id in "${ids[@]}"; do
  original+=("$(python3 -c "import sys,xml.etree.ElementTree as E;print([r.findtext('quantity') for r in E.parse(sys.argv[1]).getroot().iter('stock_available') if r.findtext('id')==sys.argv[2]][0])" "$out/stock-batch.before.xml" "$id")")
done

body() { # file then pairs id quantity …
  local file=$1
  shift
  local xml='<?xml version="1.0" encoding="UTF-8"?><prestashop>'
  while [ "$#" -gt 0 ]; do
    if [ "$1" = raw ]; then xml+=$2; else xml+=$(row_xml "$1" "$2"); fi
    shift 2
  done
  printf '%s</prestashop>' "$xml" >"$out/$file"
}

# 1. Four valid rows: 200 with every record.
body stock-batch.valid.request.xml "${ids[0]}" 11 "${ids[1]}" 12 "${ids[2]}" 13 "${ids[3]}" 14
exchange stock-batch.valid.put.xml PUT stock_availables stock-batch.valid.request.xml
reread stock-batch.valid.after.xml

# 2. The second row's quantity is not a number: the first is saved, the second refused (400, 85), the rest not tried.
body stock-batch.bad-value.request.xml "${ids[0]}" 21 raw \
  "$(row_xml "${ids[1]}" 22 | sed 's/<quantity><!\[CDATA\[22\]\]>/<quantity><![CDATA[twenty-two]]>/')" \
  "${ids[2]}" 23 "${ids[3]}" 24
exchange stock-batch.bad-value.put.xml PUT stock_availables stock-batch.bad-value.request.xml
reread stock-batch.bad-value.after.xml

# 3. The second row does not exist: the first is saved, then 404 (92), the rest not tried.
body stock-batch.unknown-id.request.xml "${ids[0]}" 31 raw \
  "$(row_xml "${ids[1]}" 32 | sed "s/<id><!\[CDATA\[${ids[1]}\]\]><\/id>/<id><![CDATA[999999]]><\/id>/")" \
  "${ids[2]}" 33 "${ids[3]}" 34
exchange stock-batch.unknown-id.put.xml PUT stock_availables stock-batch.unknown-id.request.xml
reread stock-batch.unknown-id.after.xml

# 4. The rows wrapped in <stock_availables>, as a list reads: the wrapper is taken for the one record.
printf '<?xml version="1.0" encoding="UTF-8"?><prestashop><stock_availables>%s%s</stock_availables></prestashop>' \
  "$(row_xml "${ids[0]}" 41)" "$(row_xml "${ids[1]}" 42)" >"$out/stock-batch.wrapped.request.xml"
exchange stock-batch.wrapped.put.xml PUT stock_availables stock-batch.wrapped.request.xml
reread stock-batch.wrapped.after.xml

# The quantities as they were.
body stock-batch.restore.request.xml "${ids[0]}" "${original[0]}" "${ids[1]}" "${original[1]}" \
  "${ids[2]}" "${original[2]}" "${ids[3]}" "${original[3]}"
exchange stock-batch.restore.put.xml PUT stock_availables stock-batch.restore.request.xml
reread stock-batch.restore.after.xml
cat "$log"
