/**
 * The page shown instead of the app when the kiosk cannot start safely. It speaks to IT, in
 * Vietnamese first and English second, and says what to do — a lobby must never be left
 * with a crash dialog or a blank window.
 */
export type StartupProblem =
  | { kind: 'config'; detail: string }
  | { kind: 'keystore'; code: string; detail: string }
  /** The keystore backend differs from the one recorded when the device was enrolled. */
  | { kind: 'keystore-changed'; recorded: string; current: string; detail: string }
  | { kind: 'enrollment'; code: string; detail: string }
  | { kind: 'unexpected'; detail: string; retryInSeconds: number };

type Text = { title: string; body: string[] };

function texts(problem: StartupProblem): { vi: Text; en: Text } {
  switch (problem.kind) {
    case 'config':
      return {
        vi: {
          title: 'Cấu hình máy kiosk không hợp lệ',
          body: [
            'Kiot không khởi động vì cấu hình máy chưa đúng (chi tiết bên dưới).',
            'Bộ phận IT: kiểm tra các biến môi trường KIOT_* (địa chỉ hub, mã đăng ký thiết bị, thư mục dữ liệu, kho khóa), sửa lại rồi khởi động lại ứng dụng.',
          ],
        },
        en: {
          title: 'This kiosk is not configured correctly',
          body: [
            'Kiot did not start because its configuration is invalid (details below).',
            'IT: check the KIOT_* environment variables (hub URL, enrollment code, data directory, keystore), correct them and restart the app.',
          ],
        },
      };
    case 'keystore':
      if (problem.code === 'insecure_backend') {
        return {
          vi: {
            title: 'Máy chưa có kho khóa an toàn',
            body: [
              'Kiot mã hóa dữ liệu trên máy bằng một khóa được hệ điều hành bảo vệ. Trên máy này hệ điều hành chỉ có kho lưu dạng văn bản thường (basic_text), nên Kiot từ chối chạy.',
              'Bộ phận IT: cài đặt và mở khóa một kho khóa (GNOME Keyring / libsecret hoặc KWallet) cho tài khoản chạy kiosk, đảm bảo nó tự mở khi đăng nhập, rồi khởi động lại Kiot.',
            ],
          },
          en: {
            title: 'No secure keyring on this machine',
            body: [
              'Kiot encrypts its local data with a key protected by the operating system. This machine only offers plain-text storage (basic_text), so Kiot refuses to run.',
              'IT: install and unlock a keyring (GNOME Keyring / libsecret, or KWallet) for the kiosk user account, make sure it unlocks at login, then restart Kiot.',
            ],
          },
        };
      }
      if (problem.code === 'backend_changed') {
        return {
          vi: {
            title: 'Kho khóa của máy đã thay đổi',
            body: [
              'Khóa dữ liệu của Kiot được tạo với một kho khóa khác với kho đang dùng. Kiot không tự tạo khóa mới để tránh mất dữ liệu chưa đồng bộ.',
              'Bộ phận IT: khôi phục kho khóa cũ cho tài khoản chạy kiosk; nếu không thể, xóa thư mục dữ liệu của Kiot và đăng ký lại thiết bị bằng mã đăng ký mới.',
            ],
          },
          en: {
            title: 'The key storage of this machine has changed',
            body: [
              'Kiot’s data key was created with a different key storage backend than the one now in use. Kiot does not silently create a new key, so that unsynchronised data is not lost.',
              'IT: restore the previous keyring for the kiosk user account; if that is not possible, delete Kiot’s data directory and enroll the device again with a new enrollment code.',
            ],
          },
        };
      }
      if (problem.code === 'unavailable') {
        return {
          vi: {
            title: 'Kho khóa của hệ điều hành đang khóa hoặc không dùng được',
            body: [
              'Hệ điều hành từ chối mã hóa hoặc giải mã khóa dữ liệu của Kiot.',
              'Bộ phận IT: đăng nhập tài khoản chạy kiosk, mở khóa kho khóa (keyring / Keychain) và đặt cho nó tự mở khi đăng nhập, rồi khởi động lại Kiot.',
            ],
          },
          en: {
            title: 'The operating system keyring is locked or unavailable',
            body: [
              'The operating system refused to encrypt or decrypt Kiot’s data key.',
              'IT: log in as the kiosk user, unlock its keyring (keyring / Keychain) and set it to unlock at login, then restart Kiot.',
            ],
          },
        };
      }
      if (problem.code === 'dev_keystore_in_packaged_build') {
        return {
          vi: {
            title: 'Kho khóa dành cho phát triển không được phép',
            body: [
              'Bản cài đặt chính thức không được lưu khóa dữ liệu trong tệp (KIOT_KEYSTORE=dev-file).',
              'Bộ phận IT: xóa biến môi trường KIOT_KEYSTORE (hoặc đặt là safe-storage) rồi khởi động lại Kiot.',
            ],
          },
          en: {
            title: 'The development keystore is not allowed',
            body: [
              'An installed build must not keep its data key in a plain file (KIOT_KEYSTORE=dev-file).',
              'IT: remove the KIOT_KEYSTORE environment variable (or set it to safe-storage), then restart Kiot.',
            ],
          },
        };
      }
      return {
        vi: {
          title: 'Không mở được khóa dữ liệu',
          body: ['Kiot không đọc được khóa mã hóa dữ liệu của máy.', 'Bộ phận IT: kiểm tra kho khóa của hệ điều hành và quyền truy cập thư mục dữ liệu, rồi khởi động lại Kiot.'],
        },
        en: {
          title: 'The data key could not be opened',
          body: ['Kiot could not read this machine’s data encryption key.', 'IT: check the operating system keyring and access to the data directory, then restart Kiot.'],
        },
      };
    case 'keystore-changed':
      return {
        vi: {
          title: 'Kho khóa của máy khác với lúc đăng ký thiết bị',
          body: [
            `Khi đăng ký, máy này lưu khóa dữ liệu bằng kho khóa "${problem.recorded}", nhưng bây giờ Kiot đang chạy với "${problem.current}". Kiot đã dừng để bảo vệ dữ liệu: nó không tự chuyển sang kho khóa mới và không tạo khóa mới.`,
            'Bộ phận IT: khôi phục kho khóa cũ — đăng nhập đúng tài khoản chạy kiosk, mở khóa kho khóa (keyring / Keychain) của tài khoản đó, hoặc đặt lại biến KIOT_KEYSTORE như trước — rồi khởi động lại Kiot. Nếu không thể khôi phục: xóa thư mục dữ liệu của Kiot và đăng ký lại thiết bị bằng mã đăng ký mới từ bảng điều khiển quản lý.',
          ],
        },
        en: {
          title: 'The keystore differs from the one this device was enrolled with',
          body: [
            `When this device was enrolled its data key was protected by the "${problem.recorded}" keystore, but Kiot is now running with "${problem.current}". Kiot stopped to protect the data: it neither switches keystore nor creates a new key on its own.`,
            'IT: restore the original keystore — log in as the kiosk user, unlock that user’s keyring (keyring / Keychain), or set KIOT_KEYSTORE back to what it was — then restart Kiot. If it cannot be restored, delete Kiot’s data directory and enroll the device again with a new enrollment code from the manager console.',
          ],
        },
      };
    case 'enrollment':
      if (problem.code === 'no_code') {
        return {
          vi: {
            title: 'Thiết bị chưa được đăng ký',
            body: [
              'Máy này chưa được gắn với tòa nhà nào.',
              'Bộ phận IT: tạo mã đăng ký thiết bị trong bảng điều khiển quản lý, đặt vào biến môi trường KIOT_ENROLL_CODE (cùng KIOT_HUB_URL), rồi khởi động lại Kiot.',
            ],
          },
          en: {
            title: 'This device is not enrolled',
            body: [
              'This machine is not bound to a building yet.',
              'IT: issue a device enrollment code in the manager console, set it as KIOT_ENROLL_CODE (with KIOT_HUB_URL), then restart Kiot.',
            ],
          },
        };
      }
      return {
        vi: {
          title: 'Hub từ chối mã đăng ký thiết bị',
          body: [
            'Mã đăng ký không hợp lệ, đã hết hạn hoặc đã được dùng.',
            'Bộ phận IT: tạo mã đăng ký mới trong bảng điều khiển quản lý, cập nhật KIOT_ENROLL_CODE, rồi khởi động lại Kiot.',
          ],
        },
        en: {
          title: 'The hub refused the enrollment code',
          body: [
            'The enrollment code is invalid, expired or already used.',
            'IT: issue a new enrollment code in the manager console, update KIOT_ENROLL_CODE, then restart Kiot.',
          ],
        },
      };
    case 'unexpected':
      return {
        vi: {
          title: 'Kiot tạm thời không khởi động được',
          body: [
            `Kiot sẽ tự thử lại sau ${problem.retryInSeconds} giây.`,
            'Nếu lỗi lặp lại — Bộ phận IT: kiểm tra kết nối mạng tới hub và nhật ký của ứng dụng.',
          ],
        },
        en: {
          title: 'Kiot could not start',
          body: [
            `Kiot will try again in ${problem.retryInSeconds} seconds.`,
            'If this keeps happening, IT: check the network connection to the hub and the application log.',
          ],
        },
      };
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

export function startupErrorHtml(problem: StartupProblem): string {
  const { vi, en } = texts(problem);
  const section = (lang: string, t: Text): string =>
    `<section lang="${lang}"><h1>${escapeHtml(t.title)}</h1>${t.body.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</section>`;
  const reference = problem.kind === 'keystore' || problem.kind === 'enrollment' ? `${problem.kind}:${problem.code}` : problem.kind;
  return [
    '<!doctype html>',
    '<html lang="vi"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`,
    '<title>Kiot</title>',
    '<style>body{font-family:system-ui,sans-serif;margin:0;padding:48px;background:#fff;color:#111;line-height:1.5}',
    'h1{font-size:28px;margin:0 0 12px}section{max-width:760px;margin-bottom:32px}p{font-size:18px;margin:0 0 8px}',
    'pre{white-space:pre-wrap;background:#f3f4f6;padding:12px;border-radius:6px;max-width:760px;font-size:14px}</style>',
    '</head><body>',
    section('vi', vi),
    section('en', en),
    `<pre>${escapeHtml(`[${reference}] ${problem.detail}`)}</pre>`,
    '</body></html>',
  ].join('');
}

export function startupErrorUrl(problem: StartupProblem): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(startupErrorHtml(problem))}`;
}
