/**
 * `npm start`: opens Stream Inspector (the desktop app, or the browser host where Electron cannot
 * run) and stops it cleanly on Ctrl+C.
 *
 *   npm start -- [--redis URL] [--schemas DIR] [--port N]
 */
import { launchApp, parseStartArgs, START_USAGE, type LaunchOptions } from './launch';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function main(): Promise<void> {
  let options: LaunchOptions;
  try {
    options = parseStartArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${messageOf(error)}\n${START_USAGE}`);
    process.exit(2);
  }

  const running = await launchApp(options);
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(130); // a second Ctrl+C does not wait
    stopping = true;
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Stream Inspector did not stop cleanly: ${messageOf(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.exitCode = await running.exited;
  process.exit();
}

main().catch((error: unknown) => {
  console.error(`Stream Inspector could not start: ${messageOf(error)}`);
  process.exit(1);
});
