/*
 * The local Neo4j of crosstalk-kg: Neo4j Community, embedded, with only its Bolt connector, bound to
 * 127.0.0.1. Run by `npm run neo4j:local` (scripts/neo4j-local.ts) and by the test suite, as a
 * single-file source program: java -cp <classpath from pom.xml> neo4j/LocalNeo4j.java
 *
 * Environment:
 *   NEO4J_LOCAL_DIR   data folder (default .data/neo4j, relative to the working directory)
 *   NEO4J_LOCAL_PORT  Bolt port on 127.0.0.1 (default 7687)
 *   NEO4J_LOCAL_CONF  settings file (default neo4j/neo4j.conf)
 *   NEO4J_PASSWORD    password of the user neo4j, set at every start (default crosstalk-dev)
 *
 * Prints "Neo4j <version> ready at bolt://127.0.0.1:<port>" once it accepts queries, stops cleanly on
 * SIGTERM/SIGINT, and refuses to start (exit code 3) while another launcher uses the same folder or
 * the port is taken.
 */

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

public final class LocalNeo4j {
  private static final String HOST = "127.0.0.1";
  /** Exit code when another instance (or another program) holds the folder or the port. */
  private static final int EXIT_ALREADY_RUNNING = 3;

  private LocalNeo4j() {}

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : v;
  }

  public static void main(String[] args) throws Exception {
    Path home = Path.of(env("NEO4J_LOCAL_DIR", ".data/neo4j")).toAbsolutePath().normalize();
    int port = Integer.parseInt(env("NEO4J_LOCAL_PORT", "7687"));
    String password = env("NEO4J_PASSWORD", "crosstalk-dev");
    String uri = "bolt://" + HOST + ":" + port;
    Files.createDirectories(home);

    // One launcher per folder: an OS file lock, released by the OS however the process ends.
    Path pidFile = home.resolve("launcher.pid");
    FileChannel lockChannel =
        FileChannel.open(home.resolve("launcher.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = lockChannel.tryLock();
    if (lock == null) {
      String pid = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "?";
      System.err.println("Neo4j is already running from " + home + " (pid " + pid + "); stop it first (Ctrl-C or kill " + pid + ").");
      System.exit(EXIT_ALREADY_RUNNING);
    }
    try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      probe.setReuseAddress(true);
    } catch (IOException e) {
      System.err.println("Port " + port + " on " + HOST + " is already in use (another Neo4j?); stop it or set NEO4J_LOCAL_PORT.");
      System.exit(EXIT_ALREADY_RUNNING);
    }
    Files.writeString(pidFile, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);

    Path conf = Path.of(env("NEO4J_LOCAL_CONF", "neo4j/neo4j.conf")).toAbsolutePath();
    SocketAddress bolt = new SocketAddress(HOST, port);
    // Memory caps of transactions, relative to the heap (-Xmx): a query past its cap fails with
    // Neo.TransientError.General.MemoryPoolOutOfMemoryError instead of exhausting the heap.
    long heap = Runtime.getRuntime().maxMemory();
    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .loadPropertiesFromFile(conf)
            .setConfig(GraphDatabaseSettings.memory_transaction_max_size, heap / 4)
            .setConfig(GraphDatabaseSettings.memory_transaction_database_max_size, heap / 2)
            .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, heap / 2)
            .setConfig(BoltConnector.listen_address, bolt)
            .setConfig(BoltConnector.advertised_address, bolt)
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping Neo4j …");
                  dbms.shutdown();
                  try {
                    Files.deleteIfExists(pidFile);
                    lock.release();
                  } catch (IOException e) {
                    // the OS releases the lock anyway
                  }
                  System.out.println("Neo4j stopped.");
                  stopped.countDown();
                }));

    // The password is whatever NEO4J_PASSWORD says at this start.
    GraphDatabaseService system = dbms.database("system");
    try {
      system.executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
    } catch (RuntimeException e) {
      // Neo4j refuses to "change" a password to the one it already has; anything else is real.
      if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) throw e;
    }
    String version =
        system.executeTransactionally(
            "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
            Map.of(),
            r -> String.valueOf(r.next().get("v")));

    System.out.println("Neo4j " + version + " ready at " + uri + " (user neo4j, data in " + home + ")");
    System.out.flush();
    stopped.await();
  }
}
