// What goes on one person's card, from their Staff row, their site and Settings: the name they go by, dates, the organization's contact, and the warnings a coordinator should read. Pure.
import { addMonths, isIsoDate } from '../core/dates';
import { fitName, type CardKind } from './layout';
import type { CardValues } from './fill';

/** A Staff row as the cards read it. */
export interface CardPerson {
  staffId: string;
  fullName: string;
  preferredName: string;
  pronouns: string;
  role: string;
  siteName: string;
  /** The Staff tab's Photo cell: a Drive link. */
  photo: string;
  /** The Staff tab's ID card expires cell (yyyy-mm-dd or ''). */
  idCardExpires: string;
  /** Sheet row, for messages. */
  row: number;
}

export interface CardOrganization {
  name: string;
  address: string;
  phone: string;
  email: string;
}

/**
 * How long a new ID card is valid when the Staff row names no date. No standard period for staff
 * ID cards was found; two years is a common choice and each organization can set another date per
 * person in Staff → ID card expires.
 */
export const ID_CARD_VALID_MONTHS = 24;

export interface CardPlan {
  values: CardValues;
  nameSize: number;
  /** ID cards: the expiry printed and written back to Staff. */
  expires: string;
  /** What the coordinator should know about this card, each naming the person and what to do. */
  warnings: string[];
}

/** The name a person goes by: Preferred name, else Full name. */
export function cardName(person: Pick<CardPerson, 'preferredName' | 'fullName'>): string {
  return person.preferredName.trim() || person.fullName.trim();
}

export function planFor(person: CardPerson, organization: CardOrganization, today: string, kind: CardKind): CardPlan {
  const name = cardName(person);
  const where = `${name} (Staff row ${person.row})`;
  const warnings: string[] = [];
  let expires = '';
  if (kind === 'id-card') {
    const set = person.idCardExpires.trim();
    if (isIsoDate(set) && set > today) expires = set;
    else {
      expires = addMonths(today, ID_CARD_VALID_MONTHS);
      if (isIsoDate(set)) warnings.push(`${where}: the ID card expired on ${set}; the new card runs to ${expires}. Set Staff → ID card expires for another date, and make the card again.`);
    }
  }
  const fit = fitName(name, kind);
  if (!fit.fits) warnings.push(`${where}: the name is too long for one line even at ${fit.size} pt, so it runs onto a second line. Enter a shorter Preferred name in Staff and make the card again.`);
  else if (fit.shrunk) warnings.push(`${where}: the name was made smaller (${fit.size} pt) to fit the card. Check that it reads well, or enter a shorter Preferred name in Staff.`);
  const values: CardValues = {
    'Card name': name, Pronouns: person.pronouns.trim(), Role: person.role.trim(), Organization: organization.name.trim(),
    Site: person.siteName.trim(), 'Staff ID': person.staffId, Issued: today, Expires: expires,
    'Organization address': organization.address.trim(), 'Organization phone': organization.phone.trim(), 'Organization email': organization.email.trim(),
  };
  return { values, nameSize: fit.size, expires, warnings };
}
