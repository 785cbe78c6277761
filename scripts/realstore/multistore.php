<?php
// Turns a development store (scripts/realstore/second-store.sh) into a multistore like the
// emulator's: shop 1 stays in group 1 (its own stock); shops 2 "Outlet" and 3 "Kids" join a group
// "Shared stock" (share_customer, share_stock: one stock row per variant for both, id_shop 0).
// Shop 1's catalog, carriers, modules… are copied to the new shops table by table
// (Shop::copyShopData copied nothing from the CLI on 8.2.1), and the group's stock rows start at
// shop 1's quantities + 100, so that a hub reading the wrong rows shows it.
// Run from the store's folder: su -s /bin/sh www-data -c "php multistore.php"
if (PHP_SAPI !== 'cli') { exit(1); }
define('_PS_ADMIN_DIR_', __DIR__ . '/admin-realstore');
require __DIR__ . '/config/config.inc.php';
$db = Db::getInstance();
Configuration::updateGlobalValue('PS_MULTISHOP_FEATURE_ACTIVE', 1);
$g = new ShopGroup();
$g->name = 'Shared stock';
$g->share_customer = 1;
$g->share_order = 0;
$g->share_stock = 1;
$g->active = 1;
$g->add() or die("group\n");
$newShops = [];
foreach (['Outlet' => 'outlet', 'Kids' => 'kids'] as $name => $uri) {
    $s = new Shop();
    $s->name = $name;
    $s->id_shop_group = (int) $g->id;
    $s->id_category = 2;
    $s->theme_name = 'classic';
    $s->active = 1;
    $s->add() or die("shop $name\n");
    $u = new ShopUrl();
    $u->id_shop = (int) $s->id;
    $u->domain = $u->domain_ssl = Configuration::get('PS_SHOP_DOMAIN');
    $u->physical_uri = '/';
    $u->virtual_uri = $uri . '/';
    $u->main = 1;
    $u->active = 1;
    $u->add() or die("url $name\n");
    $newShops[] = (int) $s->id;
    echo "shop {$s->id} $name in group {$g->id}\n";
}
// Every association table (…_shop) and per-shop text (…_lang with id_shop): shop 1's rows for each new shop.
$tables = $db->executeS("SELECT table_name AS t FROM information_schema.columns WHERE table_schema = DATABASE()
  AND column_name = 'id_shop' AND (table_name LIKE '%\\_shop' OR table_name LIKE '%\\_lang')");
foreach ($tables as $table) {
    $t = $table['t'];
    $cols = $db->getValue("SELECT GROUP_CONCAT(CONCAT('`', column_name, '`') ORDER BY ordinal_position)
      FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = '" . pSQL($t) . "'
      AND column_name <> 'id_shop' AND extra NOT LIKE '%auto_increment%'");
    if (!$cols) {
        continue;
    }
    foreach ($newShops as $idShop) {
        $db->execute("INSERT IGNORE INTO `$t` ($cols, id_shop) SELECT $cols, $idShop FROM `$t` WHERE id_shop = 1");
    }
}
// The group's stock: one row per variant with id_shop 0.
$db->execute('INSERT INTO ' . _DB_PREFIX_ . 'stock_available (id_product, id_product_attribute, id_shop, id_shop_group, quantity, physical_quantity, reserved_quantity, depends_on_stock, out_of_stock, location)
  SELECT id_product, id_product_attribute, 0, ' . (int) $g->id . ', quantity + 100, physical_quantity + 100, 0, depends_on_stock, out_of_stock, location FROM ' . _DB_PREFIX_ . 'stock_available WHERE id_shop = 1');
// The development keys may work in every shop.
foreach (['REALPEERFULLACCESSKEY00000000001', 'REALPEERREADONLYPRODORDERS000002'] as $key) {
    $id = (int) $db->getValue('SELECT id_webservice_account FROM ' . _DB_PREFIX_ . "webservice_account WHERE `key`='" . pSQL($key) . "'");
    foreach (Shop::getShops(false, null, true) as $idShop) {
        $db->execute('INSERT IGNORE INTO ' . _DB_PREFIX_ . 'webservice_account_shop (id_webservice_account, id_shop) VALUES (' . $id . ', ' . (int) $idShop . ')');
    }
}
Tools::generateHtaccess(null, true);
echo 'multistore on: ' . count(Shop::getShops(false)) . " shops\n";
