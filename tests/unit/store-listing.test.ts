import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../support/i18n';

/**
 * The listing texts of store/ against what the stores accept (as of 2026): a name of 45 characters
 * (Edge's limit, the strictest; AMO 50, Chrome 75), a summary of 132 (Chrome's, and the manifest's
 * description; AMO allows 250), a description of 16,000 (Chrome), and 1,000 for each permission's
 * justification and for the single purpose (Chrome's dashboard fields).
 */
interface Listing {
  name: string;
  summary: string;
  description: string;
  permissions: Record<string, string>;
  singlePurpose: string;
  privacy: { collectsUserData: boolean; remoteCode: boolean; statement: string };
  screenshots: Record<string, string>;
  promoTagline: string;
}

const listings = Object.fromEntries(
  ['en', 'fr'].map((lang) => [lang, JSON.parse(readFileSync(`store/${lang}.json`, 'utf8')) as Listing]),
);
const config = readFileSync('wxt.config.ts', 'utf8');

describe.each(Object.entries(listings))('the %s store listing', (lang, listing) => {
  it('fits each store field', () => {
    expect(listing.name.length).toBeLessThanOrEqual(45);
    expect(listing.summary.length).toBeLessThanOrEqual(132);
    expect(listing.description.length).toBeGreaterThan(500);
    expect(listing.description.length).toBeLessThanOrEqual(16_000);
    expect(listing.singlePurpose.length).toBeLessThanOrEqual(1_000);
    expect(listing.privacy.statement.length).toBeLessThanOrEqual(1_000);
    for (const [permission, why] of Object.entries(listing.permissions))
      expect(why.length, permission).toBeLessThanOrEqual(1_000);
    for (const caption of Object.values(listing.screenshots)) expect(caption.length).toBeLessThanOrEqual(100);
  });

  it('justifies exactly the permissions the manifest asks for', () => {
    const asked = [...config.matchAll(/permissions: \[([^\]]*)\]/g)].flatMap((m) =>
      [...m[1]!.matchAll(/'([a-z]+)'/g)].map((p) => p[1]!),
    );
    expect(Object.keys(listing.permissions).sort()).toEqual([...asked, 'host_permissions'].sort());
  });

  it("says the same as the extension itself: its name and summary are the manifest's", () => {
    const messages = catalogs[lang as 'en' | 'fr'];
    expect(listing.name).toBe(messages.extName.message);
    expect(listing.summary).toBe(messages.extDescription.message);
    expect(listing.privacy).toMatchObject({ collectsUserData: false, remoteCode: false });
  });
});

it('has the same fields in English and French', () => {
  const keys = (listing: Listing) =>
    JSON.stringify([Object.keys(listing), Object.keys(listing.permissions), Object.keys(listing.screenshots)]);
  expect(keys(listings.fr!)).toBe(keys(listings.en!));
});
