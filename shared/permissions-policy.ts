/**
 * A `Permissions-Policy` that turns off every powerful browser feature. The hub (JSON for
 * programs) and the development web host (a kiosk screen in a tab) need none of them.
 */
const deniedFeatures = [
  'accelerometer',
  'autoplay',
  'bluetooth',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'web-share',
  'xr-spatial-tracking',
] as const;

export const DENY_ALL_PERMISSIONS_POLICY: string = deniedFeatures.map((feature) => `${feature}=()`).join(', ');
