// app.* and clipboard.*: version, language, clipboard.

import type { AppInfoDto } from '../../../shared/ipc/dto.ts';
import type { AppServices } from '../../app-services.ts';
import type { HandlersOf } from './index.ts';

function info(services: AppServices): AppInfoDto {
  return {
    version: services.appVersion,
    platform: services.platform,
    dataDir: services.dataDir,
    language: services.language(),
  };
}

export function appHandlers(services: AppServices): HandlersOf<'app'> & HandlersOf<'clipboard'> {
  return {
    'app.info': () => info(services),
    'app.setLanguage': ({ language }) => {
      services.setLanguage(language);
      return info(services);
    },
    'clipboard.writeText': ({ text }) => {
      services.clipboard.writeText(text);
      return { written: true };
    },
  };
}
