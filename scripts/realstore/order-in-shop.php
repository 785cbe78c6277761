<?php
// Places one real order in a shop of a multistore through PrestaShop's own validateOrder, as
// checkout does (the Symfony kernel is booted: validateOrder needs its container from the CLI).
// Usage: php order-in-shop.php SHOP_ID PRODUCT_ID ATTRIBUTE_ID QTY
if (PHP_SAPI !== 'cli') { exit(1); }
define('_PS_ADMIN_DIR_', __DIR__ . '/admin-realstore');
require __DIR__ . '/config/config.inc.php';
require_once __DIR__ . '/app/AppKernel.php';
global $kernel;
$kernel = new AppKernel('prod', false);
$kernel->boot();
[$idShop, $idProduct, $idAttr, $qty] = array_map('intval', array_slice($argv, 1, 4));
$shop = new Shop($idShop);
Shop::setContext(Shop::CONTEXT_SHOP, $idShop);
$ctx = Context::getContext();
$ctx->shop = $shop;
$ctx->currency = new Currency(1);
$ctx->language = new Language(1);
$ctx->country = new Country(21);
$email = "multishop-buyer-$idShop@example.test";
$idCustomer = (int) Customer::customerExists($email, true, false);
if (!$idCustomer) {
    $c = new Customer();
    $c->firstname = 'Multi';
    $c->lastname = 'Shop';
    $c->email = $email;
    $c->passwd = Tools::hash('MultiShop-1234');
    $c->id_shop = $idShop;
    $c->id_shop_group = (int) $shop->id_shop_group;
    $c->id_default_group = 3;
    $c->active = 1;
    $c->add() or die("customer\n");
    $c->addGroups([3]);
    $a = new Address();
    $a->id_customer = (int) $c->id;
    $a->id_country = 21;
    $a->id_state = 35;
    $a->alias = 'Home';
    $a->firstname = 'Multi';
    $a->lastname = 'Shop';
    $a->address1 = '1 Shop Street';
    $a->postcode = '10001';
    $a->city = 'New York';
    $a->phone = '2125550100';
    $a->add() or die("address\n");
    $idCustomer = (int) $c->id;
}
$customer = new Customer($idCustomer);
$ctx->customer = $customer;
$idAddress = (int) Address::getFirstCustomerAddressId($idCustomer);
$cart = new Cart();
$cart->id_customer = $idCustomer;
$cart->id_address_delivery = $idAddress;
$cart->id_address_invoice = $idAddress;
$cart->id_currency = 1;
$cart->id_lang = 1;
$cart->id_shop = $idShop;
$cart->id_shop_group = (int) $shop->id_shop_group;
$cart->id_carrier = 2;
$cart->secure_key = $customer->secure_key;
$cart->add() or die("cart\n");
$cart->updateQty($qty, $idProduct, $idAttr, false, 'up', $idAddress, $shop) or die("cart line\n");
$cart->setDeliveryOption([$idAddress => '2,']);
$cart->update();
$ctx->cart = $cart;
$total = (float) $cart->getOrderTotal(true, Cart::BOTH);
$module = Module::getInstanceByName('ps_wirepayment');
$module->validateOrder((int) $cart->id, (int) Configuration::get('PS_OS_PAYMENT'), $total, 'Bank transfer', null, [], 1, false, $customer->secure_key, $shop);
echo "order {$module->currentOrder} in shop $idShop, total $total\n";
