/**
 * The PrestaShop versions the emulator can pretend to be, and what differs between them on the
 * wire (PRESTASHOP-WEBSERVICE.md §7).
 */

export type EmulatorVersion = '1.7.8' | '8.1' | '9.0';

export const EMULATOR_VERSIONS: readonly EmulatorVersion[] = ['1.7.8', '8.1', '9.0'];

export interface VersionProfile {
  readonly version: EmulatorVersion;
  /** What `PSWS-Version` says. */
  readonly psws: string;
  /** PATCH is a known method (8.0+); 1.7 answers it 405, code 23. */
  readonly knowsPatch: boolean;
  /** New full-access keys hold PATCH (9.0); 8.1.2 keys are created without it (the recording shows `patch="false"`). */
  readonly patchInDefaultKeys: boolean;
  /** `PSWS-Version` only after a successful authentication (8.0+); 1.7 always sends it. */
  readonly pswsOnlyWhenAuthenticated: boolean;
  /** `<x><![CDATA[]]></x>` (8.0+) or `<x></x>` for empty values. */
  readonly cdataAlways: boolean;
  /** Single-record JSON drops falsy fields (8.x+). */
  readonly dropFalsyInSingle: boolean;
  /** `Local-Content-Sha1` → 304 (8.0+). */
  readonly contentSha1Cache: boolean;
}

export function versionProfile(version: EmulatorVersion): VersionProfile {
  switch (version) {
    case '1.7.8':
      return {
        version,
        psws: '1.7.8.11',
        knowsPatch: false,
        patchInDefaultKeys: false,
        pswsOnlyWhenAuthenticated: false,
        cdataAlways: false,
        dropFalsyInSingle: false,
        contentSha1Cache: false,
      };
    case '8.1':
      return {
        version,
        psws: '8.1.2',
        knowsPatch: true,
        patchInDefaultKeys: false,
        pswsOnlyWhenAuthenticated: true,
        cdataAlways: true,
        dropFalsyInSingle: true,
        contentSha1Cache: true,
      };
    case '9.0':
      return {
        version,
        psws: '9.0.0',
        knowsPatch: true,
        patchInDefaultKeys: true,
        pswsOnlyWhenAuthenticated: true,
        cdataAlways: true,
        dropFalsyInSingle: true,
        contentSha1Cache: true,
      };
  }
}

export function isEmulatorVersion(text: string): text is EmulatorVersion {
  return (EMULATOR_VERSIONS as readonly string[]).includes(text);
}
