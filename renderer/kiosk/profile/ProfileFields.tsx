import { useEffect, useState } from 'react';
import type { JSX } from 'react';
import type { MyDetails } from '../../../shared/profile';
import { maskAddress, maskEmail, maskName, maskPhoneLocal } from '../../../shared/profile-rules';
import { useT } from '../../i18n/I18nProvider';

/** How long a revealed field stays readable: long enough to read, short enough that it is not left on screen. */
export const REVEAL_MS = 5000;

export type ProfileField = 'name' | 'unit' | 'phone' | 'email' | 'address';

// Literal keys, so the translation tests can see each one is used.
const labels = {
  name: 'profile:field.name',
  unit: 'profile:field.unit',
  phone: 'profile:field.phone',
  email: 'profile:field.email',
  address: 'profile:field.address',
} as const satisfies Record<ProfileField, string>;

function plain(details: MyDetails, field: ProfileField): string | null {
  switch (field) {
    case 'name':
      return details.fullName;
    case 'unit':
      return `${details.units.map((u) => u.label).join(', ')} · ${details.buildingName}`;
    case 'phone':
      return details.phone.startsWith('+84') ? `0${details.phone.slice(3)}` : details.phone;
    case 'email':
      return details.email;
    case 'address':
      return details.contactAddress;
    default:
      return null;
  }
}

function masked(details: MyDetails, field: ProfileField): string | null {
  switch (field) {
    case 'name':
      return maskName(details.fullName);
    case 'unit':
      return details.units.map((u) => `${u.label.slice(0, 2)}••••`).join(', ');
    case 'phone':
      return maskPhoneLocal(details.phone);
    case 'email':
      return details.email === null ? null : maskEmail(details.email);
    case 'address':
      return details.contactAddress === null ? null : maskAddress(details.contactAddress);
    default:
      return null;
  }
}

export type ProfileFieldsProps = {
  details: MyDetails;
  /** Null for a field the resident cannot change here (the unit). */
  onChange(field: Exclude<ProfileField, 'unit'>): void;
  onRemoveEmail(): void;
  disabled: boolean;
};

/**
 * Every field masked by default: the lobby is a public place. Tapping one shows it for a few
 * seconds; only one is shown at a time, and tapping it again hides it at once.
 */
export function ProfileFields({ details, onChange, onRemoveEmail, disabled }: ProfileFieldsProps): JSX.Element {
  const t = useT();
  const [revealed, setRevealed] = useState<ProfileField | null>(null);

  useEffect(() => {
    if (revealed === null) return undefined;
    const timer = setTimeout(() => setRevealed(null), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [revealed]);

  const fields: ProfileField[] = ['name', 'unit', 'phone', 'email', 'address'];
  return (
    <ul className="profile-fields">
      {fields.map((field) => {
        const shown = revealed === field;
        const value = shown ? plain(details, field) : masked(details, field);
        const empty = plain(details, field) === null;
        return (
          <li key={field} className="profile-field" data-testid={`profile-field-${field}`}>
            <button
              type="button"
              className="profile-field-main"
              data-testid={`profile-reveal-${field}`}
              aria-pressed={shown}
              disabled={empty}
              onClick={() => setRevealed(shown ? null : field)}
            >
              <span className="profile-field-label">{t(labels[field])}</span>
              <span className={shown ? 'profile-field-value profile-field-revealed' : 'profile-field-value'} data-testid={`profile-value-${field}`} data-revealed={shown}>
                {empty ? t('profile:none') : value}
              </span>
              {empty ? null : <span className="profile-field-hint">{shown ? t('profile:hide') : t('profile:reveal')}</span>}
            </button>
            {field === 'unit' ? null : (
              <div className="profile-field-actions">
                <button type="button" className="button button-secondary" data-testid={`profile-change-${field}`} disabled={disabled} onClick={() => onChange(field)}>
                  {empty ? t('profile:add') : t('profile:change')}
                </button>
                {field === 'email' && !empty ? (
                  <button type="button" className="button button-secondary" data-testid="profile-remove-email" disabled={disabled} onClick={onRemoveEmail}>
                    {t('profile:removeEmailButton')}
                  </button>
                ) : null}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
