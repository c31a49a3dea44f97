package dev.berth.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * A test class that needs a Docker engine (Testcontainers). Without one its tests are
 * skipped with one line saying so, unless {@code -Dberth.tests.require-docker=true} (set
 * by {@code ./berth test}) or {@code CI=true}: then they fail, so that a green build
 * never hides tests that did not run. Images that Testcontainers needs and can neither
 * find nor pull fail the tests at once instead of after minutes of retries.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerCondition.class)
@Testcontainers
public @interface RequiresDocker {

}
