package io.nokv.bench.resp;

import io.nokv.bench.NokvHome;
import java.nio.file.Path;
import java.time.Duration;

/** Starts each target as its own process: the NoKV server through its launcher, Redis through peers.sh. */
final class ProcessRespServers implements RespServer.Factory {
  private final RespBenchConfig config;

  ProcessRespServers(RespBenchConfig config) {
    this.config = config;
  }

  @Override
  public RespServer start(RespTarget target, Path dir) throws InterruptedException {
    if (config.nokvHome() == null) {
      throw new RespBenchException.TargetUnavailable(target, "cannot find the NoKV repository (its nokv launcher"
          + " and scripts/peers.sh start the servers): " + NokvHome.whereLooked(), null);
    }
    Duration timeout = Duration.ofSeconds(config.startTimeoutSeconds());
    return switch (target) {
      case NOKV -> NokvRespServer.start(config.nokvHome(), dir, config.nokvServerOpts(), timeout);
      case REDIS, REDIS_AOF -> RedisServer.start(target, config.nokvHome(), dir, timeout);
    };
  }
}
