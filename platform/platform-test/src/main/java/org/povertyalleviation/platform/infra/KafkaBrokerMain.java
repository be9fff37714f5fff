package org.povertyalleviation.platform.infra;

import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Entry point of the child broker JVM: runs a Kafka main class and exits as soon as the JVM that started it
 * is gone, so a killed build never leaves a broker behind.
 */
public final class KafkaBrokerMain {

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        long owner = Long.parseLong(args[0]);
        ProcessHandle.of(owner).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                () -> System.exit(1));
        Method main = Class.forName(args[1]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
