import { sdkRegistry, type SdkName, type SdkScripts } from './sdk-scripts';

/** What an SDK's script does when it runs: makes its exports known to load-sdk.ts. */
export function registerSdk<Name extends SdkName>(name: Name, exports: SdkScripts[Name]): void {
  sdkRegistry()[name] = exports;
}
