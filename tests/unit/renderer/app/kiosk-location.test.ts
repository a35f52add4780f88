import { describe, expect, it } from 'vitest';
import { currentLocation, goBack, goTo, locationKey, residentHome, startTrail } from '../../../../renderer/app/kiosk-location';

describe('resident location', () => {
  it('starts at home, the "what do I owe" screen', () => {
    expect(currentLocation(startTrail)).toEqual({ screen: 'home' });
    expect(residentHome).toEqual({ screen: 'home' });
  });

  it('goes to a bill and back', () => {
    const atBill = goTo(startTrail, { screen: 'bill', billId: 'b-1' });
    expect(currentLocation(atBill)).toEqual({ screen: 'bill', billId: 'b-1' });
    expect(currentLocation(goBack(atBill))).toEqual({ screen: 'home' });
  });

  it('stays at the start when there is nowhere to go back to', () => {
    expect(goBack(startTrail)).toEqual(startTrail);
  });

  it('going to a place already on the trail goes back to it instead of looping', () => {
    const atBill = goTo(startTrail, { screen: 'bill', billId: 'b-1' });
    expect(goTo(atBill, { screen: 'home' })).toEqual(startTrail);
    expect(goTo(atBill, { screen: 'bill', billId: 'b-1' })).toEqual(atBill);
    expect(goTo(atBill, { screen: 'bill', billId: 'b-2' })).toHaveLength(3);
  });

  it('tells locations apart by screen and parameters', () => {
    expect(locationKey({ screen: 'bills' })).not.toBe(locationKey({ screen: 'bill', billId: 'bills' }));
    expect(locationKey({ screen: 'bill', billId: 'a' })).not.toBe(locationKey({ screen: 'bill', billId: 'b' }));
  });
});
