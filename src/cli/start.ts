import { Command } from 'commander';
import { addStartOptions, readStartOptions } from './start-options.js';
import { createLogger } from '../log/logger.js';
import { startGateway, StartError } from '../runtime/gateway.js';
import { EXIT } from './exit-codes.js';

export function startCommand(): Command {
  return addStartOptions(new Command('start').description('run the gateway (the default command)')).action(async (raw: Record<string, unknown>) => {
    let opts;
    try {
      opts = readStartOptions(raw);
    } catch (err) {
      process.stderr.write(`gatewayd: ${(err as Error).message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const log = createLogger();
    const stop = new Promise<string>((resolve) => {
      process.once('SIGTERM', () => resolve('SIGTERM'));
      process.once('SIGINT', () => resolve('SIGINT'));
    });
    try {
      const gateway = await startGateway(opts, log);
      const onHup = () => void gateway.reload();
      process.on('SIGHUP', onHup);
      const signal = await stop;
      process.off('SIGHUP', onHup);
      log.info({ signal }, 'signal received');
      await gateway.stop();
      process.exitCode = EXIT.ok;
    } catch (err) {
      if (!(err instanceof StartError)) throw err;
      if (err.details) process.stderr.write(err.details);
      log.error(err.message);
      process.exitCode = EXIT.problems;
    }
    log.flush();
  });
}
