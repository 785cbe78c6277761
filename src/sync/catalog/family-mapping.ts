/** How a store category maps to a hub family (`categoryFamilies.<category id>` setting). */
export type FamilyDecision =
  | { readonly kind: 'mapped'; readonly family: string }
  /** No entry for this category: the product gets no family (never guessed). */
  | { readonly kind: 'unmapped' }
  /** The entry names a family the hub does not have. */
  | { readonly kind: 'unknown-family'; readonly family: string };

/**
 * The family of products whose default category is `categoryId`. Pure: the mapping and the hub's
 * family codes are given.
 *
 * @example
 * familyFor(4, { '4': 'MEN' }, new Set(['MEN'])); // { kind: 'mapped', family: 'MEN' }
 * familyFor(5, { '4': 'MEN' }, new Set(['MEN'])); // { kind: 'unmapped' }
 */
export function familyFor(
  categoryId: number,
  mapping: Readonly<Record<string, string>>,
  knownFamilies: ReadonlySet<string>,
): FamilyDecision {
  const family = Object.hasOwn(mapping, String(categoryId)) ? mapping[String(categoryId)] : undefined;
  if (family === undefined) return { kind: 'unmapped' };
  return knownFamilies.has(family) ? { kind: 'mapped', family } : { kind: 'unknown-family', family };
}

/** The command that maps a category, as the notice prints it. */
export function mapCategoryCommand(storeName: string, categoryId: number): string {
  return `prestabridge stores set ${storeName} categoryFamilies.${categoryId}=FAMILY`;
}
