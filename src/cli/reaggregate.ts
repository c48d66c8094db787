import 'reflect-metadata';
import { loadEnv } from '../config/env';
import { loadReferenceConfig } from '../config/reference-config';
import { createDataSource } from '../database/data-source';
import { ANALYZE_AGGREGATES_SQL, reaggregate } from '../pipeline/reaggregate';

/**
 * `npm run reaggregate`: recounts stored contacts and volumes into the aggregates with the
 * parameters in config/metrics.json (service-level threshold, repeat-contact window).
 */
async function main(): Promise<void> {
  const env = loadEnv();
  const config = loadReferenceConfig(env.CONFIG_DIR);
  const ds = await createDataSource(env.DATABASE_URL, 2).initialize();
  try {
    const started = Date.now();
    const r = await reaggregate(ds, config.metrics);
    await ds.query(ANALYZE_AGGREGATES_SQL);
    console.log(
      `reaggregated ${r.events} contacts and ${r.volumes} volumes into ${r.contactStatsRows} contact_stats and ` +
        `${r.handoffStatsRows} handoff_stats rows (${r.repeatsChanged} repeat flags changed; ` +
        `service level ${config.metrics.serviceLevelSeconds} s, repeat window ${config.metrics.repeatContactWindowDays} days) ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((e: Error) => {
  console.error(`reaggregate failed: ${e.message}`);
  process.exit(1);
});
