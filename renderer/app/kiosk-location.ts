/**
 * Where a signed-in resident is. Before sign-in the kiosk's screens follow the session state
 * (attract, phone, code) and need no location of their own; signing in starts at `home`,
 * and a lock unmounts all of it. A new screen (profile, consents, requests, pay) is one
 * member here and one case (its screen) in `ResidentArea`.
 */
export type ResidentLocation =
  /** "What do I owe": the first screen after sign-in (issue 13). */
  | { screen: 'home' }
  | { screen: 'bills' }
  /** Pay these bills by VietQR (issue 11); one bill or all unpaid ones. */
  | { screen: 'pay'; billIds: readonly string[] }
  | { screen: 'bill'; billId: string }
  /** The privacy centre: my information, consents, the policy, who accessed my data. */
  | { screen: 'privacy' }
  | { screen: 'profile' }
  | { screen: 'consents' }
  | { screen: 'policy' }
  | { screen: 'accessLog' }
  /** "My requests", and the two a resident starts from the privacy centre. */
  | { screen: 'requests' }
  | { screen: 'deletion' }
  | { screen: 'export' };

export const residentHome: ResidentLocation = { screen: 'home' };

/** Identifies a location: equal keys, same screen with the same parameters. */
export function locationKey(location: ResidentLocation): string {
  return Object.entries(location)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/** The way back: where the resident came from, then where they are. Never empty. */
export type Trail = readonly [ResidentLocation, ...ResidentLocation[]];

export const startTrail: Trail = [residentHome];

export function currentLocation(trail: Trail): ResidentLocation {
  return trail[trail.length - 1] ?? trail[0];
}

/**
 * Goes to `to`. Going to a place already on the trail goes back to it rather than piling
 * up a loop (bills → bill → bills is one Back from nowhere, not two).
 */
export function goTo(trail: Trail, to: ResidentLocation): Trail {
  const key = locationKey(to);
  const index = trail.findIndex((location) => locationKey(location) === key);
  if (index >= 0) return trail.slice(0, index + 1) as unknown as Trail;
  return [...trail, to];
}

/** One step back; at the start of the trail, stays there. */
export function goBack(trail: Trail): Trail {
  return trail.length > 1 ? (trail.slice(0, -1) as unknown as Trail) : trail;
}
