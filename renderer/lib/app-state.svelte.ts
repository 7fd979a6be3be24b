// App-wide facts from main (version, data folder, language) and the language switch.
import type { AppInfoDto, ErrorDto, Language } from '../../shared/ipc/dto.ts';
import { call, isConnected } from './api.ts';
import { i18n } from './i18n.svelte.ts';

class AppState {
  info = $state<AppInfoDto | null>(null);
  connected = $state(isConnected());
  error = $state<ErrorDto | null>(null);
  /** Help → About, asked for by the application menu. */
  aboutOpen = $state(false);

  async start(): Promise<void> {
    this.connected = isConnected();
    const result = await call('app.info', {});
    if (result.ok) {
      this.info = result.value;
      i18n.apply(result.value.language);
    } else {
      this.error = result.error;
    }
  }

  /** Switches at once; persisting through main may fail, which is reported, not hidden. */
  async setLanguage(language: Language): Promise<ErrorDto | null> {
    i18n.apply(language);
    const result = await call('app.setLanguage', { language });
    if (result.ok) {
      this.info = result.value;
      return null;
    }
    return result.error;
  }
}

export const app = new AppState();
