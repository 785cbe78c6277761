/**
 * PrestaShop's `Validate::is*` rules for the formats the webservice names in `schema=synopsis`
 * (`format="isPrice"`). A write whose value fails its field's rule is refused with code 85
 * (`Validation error: "Property Product->price is not valid"`). Formats not listed here accept
 * anything, as a rule the emulator does not know cannot be applied fairly.
 */

type Rule = (value: string) => boolean;

const CLEAN_HTML_EVENTS =
  /(onmousedown|onmousemove|onmmouseup|onmouseover|onmouseout|onload|onunload|onfocus|onblur|onchange|onsubmit|ondblclick|onclick|onkeydown|onkeyup|onkeypress|onmouseenter|onmouseleave|onerror|onselect|onreset|onabort|ondragdrop|onresize|oninput|onpaste|onscroll)\s*=/i;

/** PHP's `strval((float) $v) == strval($v)`: the text must read back as the same number. */
function isPhpFloat(value: string): boolean {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) return false;
  const parsed = Number(value);
  return (
    Number.isFinite(parsed) &&
    String(parsed) ===
      value
        .trim()
        .replace(/^\+/, '')
        .replace(/\.0*$|(\.\d*?)0+$/, '$1')
  );
}

function isRealDate(value: string, withTime: boolean): boolean {
  const match = /^(\d{4})-(0?\d|1[0-2])-(0?\d|[12]\d|3[01])( \d{2}:\d{2}:\d{2})?$/.exec(value);
  if (!match) return false;
  if (!withTime) return true;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year === 0 && month === 0 && day === 0) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const RULES: Record<string, Rule> = {
  isAnything: () => true,
  isBool: (v) => v === '0' || v === '1' || v === '' || v === 'true' || v === 'false',
  isInt: (v) => /^[+-]?\d+$/.test(v.trim()),
  isUnsignedInt: (v) => /^\d+$/.test(v.trim()) && Number(v) < 4294967296,
  isUnsignedId: (v) => /^\d+$/.test(v.trim()) && Number(v) < 4294967296,
  isNullOrUnsignedId: (v) => v === '' || (/^\d+$/.test(v.trim()) && Number(v) < 4294967296),
  isUnsignedInteger: (v) => /^\d+$/.test(v.trim()),
  isFloat: isPhpFloat,
  isUnsignedFloat: (v) => isPhpFloat(v) && Number(v) >= 0,
  isOptFloat: (v) => v === '' || isPhpFloat(v),
  isPrice: (v) => /^\d{1,10}(\.\d{1,9})?$/.test(v),
  isNegativePrice: (v) => /^-?\d{1,10}(\.\d{1,9})?$/.test(v),
  isPercentage: (v) => isPhpFloat(v) && Number(v) >= 0 && Number(v) <= 100,
  isEmail: (v) =>
    v !== '' &&
    /^[a-z\p{L}0-9!#$%&'*+/=?^`{}|~_-]+[.a-z\p{L}0-9!#$%&'*+/=?^`{}|~_-]*@[a-z\p{L}0-9]+(?:[.]?[_a-z\p{L}0-9-])*\.[a-z\p{L}0-9]+$/iu.test(
      v,
    ),
  isName: (v) => /^[^0-9!<>,;?=+()@#"°{}_$%:¤|]*$/u.test(v),
  isCustomerName: (v) => /^[^0-9!<>,;?=+()@#"°{}_$%:¤|]*$/u.test(v) && !/www|http/i.test(v),
  isGenericName: (v) => v === '' || /^[^<>={}]*$/u.test(v),
  IsGenericName: (v) => v === '' || /^[^<>={}]*$/u.test(v),
  isCatalogName: (v) => /^[^<>;=#{}]*$/u.test(v),
  isCarrierName: (v) => v === '' || /^[^<>;=#{}]*$/u.test(v),
  isMailName: (v) => /^[^<>;=#{}]*$/u.test(v),
  isMessage: (v) => !/[<>{}]/.test(v),
  isCityName: (v) => /^[^!<>;?=+@#"°{}_$%]*$/u.test(v),
  isAddress: (v) => v === '' || /^[^!<>?=+@{}_$%]*$/u.test(v),
  isPostCode: (v) => v === '' || /^[a-zA-Z 0-9-]+$/.test(v),
  isPhoneNumber: (v) => /^[+0-9. ()/-]*$/.test(v),
  isDniLite: (v) => v === '' || /^[0-9A-Za-z-.]{1,16}$/.test(v),
  isReference: (v) => /^[^<>;={}]*$/u.test(v),
  isEan13: (v) => v === '' || /^[0-9]{0,13}$/.test(v),
  isUpc: (v) => v === '' || /^[0-9]{0,12}$/.test(v),
  isIsbn: (v) => v === '' || /^[0-9-]{0,32}$/.test(v),
  isMpn: (v) => v.length <= 40,
  isLinkRewrite: (v) => /^[_a-zA-Z0-9-]+$/.test(v),
  isCleanHtml: (v) =>
    !/<\s*script/im.test(v) &&
    !CLEAN_HTML_EVENTS.test(v) &&
    !/.*script:/im.test(v) &&
    !/<\s*(i?frame|form|input|embed|object)/im.test(v),
  isString: () => true,
  isDate: (v) => isRealDate(v, true),
  isDateFormat: (v) => isRealDate(v, false),
  isBirthDate: (v) =>
    v === '' || v === '0000-00-00' || /^\d{4}-(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])$/.test(v),
  isDateOrNull: (v) => v === '' || v === '0000-00-00 00:00:00' || isRealDate(v, true),
  isLanguageIsoCode: (v) => /^[a-zA-Z]{2,3}$/.test(v),
  isLanguageCode: (v) => /^[a-zA-Z]{2}(-[a-zA-Z]{2})?$/.test(v),
  isLocale: (v) => /^[a-z]{2}-[A-Z]{2}$/.test(v),
  isStateIsoCode: (v) => /^[a-zA-Z0-9]{1,4}(-[a-zA-Z0-9]{1,4})?$/.test(v),
  isNumericIsoCode: (v) => /^[0-9]{2,3}$/.test(v),
  isCurrencyConversionRate: (v) => /^[0-9]{1,9}(\.[0-9]{1,9})?$/.test(v) && Number(v) > 0,
  isColor: (v) => /^(#[0-9a-fA-F]{6}|[a-zA-Z0-9-]*)$/.test(v),
  isConfigName: (v) => /^[a-zA-Z_0-9-]+$/.test(v),
  isTplName: (v) => /^[a-zA-Z0-9_-]+$/.test(v),
  isModuleName: (v) => /^[a-zA-Z0-9_-]+$/.test(v),
  isMd5: (v) => /^[a-f0-9A-F]{32}$/.test(v),
  isPasswd: (v) => v.length >= 5 && v.length < 255,
  isPlaintextPassword: (v) => v.length >= 5 && v.length <= 72,
  isHashedPassword: (v) => v.length >= 5 && v.length < 255,
  isAbsoluteUrl: (v) => v === '' || /^https?:\/\/[,:#%&_=()./?+\-\p{L}0-9]+$/iu.test(v),
  isUrl: (v) => /^[~:#,$%&_=()./?+\-\p{L}0-9]+$/u.test(v),
  isProductVisibility: (v) => ['both', 'catalog', 'search', 'none'].includes(v),
  isWeightUnit: (v) => /^[a-zA-Z]{1,3}$/.test(v),
  isApe: (v) => v === '' || /^[0-9]{3,4}[a-zA-Z]{1}$/.test(v),
  isSiret: (v) => v === '' || /^[0-9]{14}$/.test(v),
  isIp2Long: (v) => /^-?[0-9]+$/.test(v),
  isTrackingNumber: (v) => /^[~:#,%&_=()[\].? +\-a-zA-Z0-9/]+$/.test(v),
  isZipCodeFormat: (v) => v === '' || /^[NLCnlc 0-9-]+$/.test(v),
  isCoordinate: (v) => v === '' || /^-?[0-9]{1,8}\.[0-9]{1,8}$/.test(v),
  isSearchEngine: (v) => /^[a-zA-Z0-9_-]+$/.test(v),
  isImageTypeName: (v) => /^[a-zA-Z0-9_ -]+$/.test(v),
  isCustomerGroupName: (v) => /^[^<>;=#{}]*$/u.test(v),
};

/**
 * Whether `value` passes PrestaShop's rule `format`. Like `ObjectModel::validateField`, an empty
 * value is not checked against the rule (emptiness is the `required` check's business).
 */
export function passesFormat(format: string | undefined, value: string): boolean {
  if (format === undefined || value === '' || value === '0') return true;
  const rule = RULES[format];
  return rule === undefined ? true : rule(value);
}
