package dev.berth.ml;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which package of the service may use which; every class belongs to one of them, so a
 * new package fails the build until it has its line here:
 *
 * <pre>
 * package      may use                           job
 * application  nothing                           the Spring Boot entry point
 * protocol     repository, inference             the Open Inference Protocol's REST API
 * image        protocol, repository, inference   pictures in, labels out
 * management   protocol, repository              the management API (load, unload, index)
 * reload       repository                        hot reload: when a change is applied
 * requestid    nothing                           request ids in logs and answers
 * repository   batching, inference               model folder, registry, lifecycle
 * batching     inference                         dynamic batching
 * inference    nothing                           DJL + PyTorch
 * </pre>
 *
 * Only protocol, image, management and requestid touch HTTP (Spring Web, the Servlet
 * API), and the dependencies between packages form no cycle.
 */
class ArchitectureTest {

	static final String[] HTTP = { "org.springframework.web..", "org.springframework.http..", "jakarta.servlet.." };

	static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.berth.ml");
	}

	@Test
	void eachPackageUsesOnlyThePackagesListedForIt() {
		layeredArchitecture().consideringOnlyDependenciesInLayers()
			.ensureAllClassesAreContainedInArchitecture()
			.layer("application")
			.definedBy("dev.berth.ml")
			.layer("protocol")
			.definedBy("dev.berth.ml.protocol..")
			.layer("image")
			.definedBy("dev.berth.ml.image..")
			.layer("management")
			.definedBy("dev.berth.ml.management..")
			.layer("reload")
			.definedBy("dev.berth.ml.reload..")
			.layer("requestid")
			.definedBy("dev.berth.ml.requestid..")
			.layer("repository")
			.definedBy("dev.berth.ml.repository..")
			.layer("batching")
			.definedBy("dev.berth.ml.batching..")
			.layer("inference")
			.definedBy("dev.berth.ml.inference..")
			.whereLayer("application")
			.mayNotAccessAnyLayer()
			.whereLayer("protocol")
			.mayOnlyAccessLayers("repository", "inference")
			.whereLayer("image")
			.mayOnlyAccessLayers("protocol", "repository", "inference")
			.whereLayer("management")
			.mayOnlyAccessLayers("protocol", "repository")
			.whereLayer("reload")
			.mayOnlyAccessLayers("repository")
			.whereLayer("requestid")
			.mayNotAccessAnyLayer()
			.whereLayer("repository")
			.mayOnlyAccessLayers("batching", "inference")
			.whereLayer("batching")
			.mayOnlyAccessLayers("inference")
			.whereLayer("inference")
			.mayNotAccessAnyLayer()
			.check(classes);
	}

	@Test
	void onlyTheHttpPackagesTouchHttp() {
		noClasses().that()
			.resideInAnyPackage("dev.berth.ml", "dev.berth.ml.reload..", "dev.berth.ml.repository..",
					"dev.berth.ml.batching..", "dev.berth.ml.inference..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(HTTP)
			.check(classes);
	}

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("dev.berth.ml.(*)..").should().beFreeOfCycles().check(classes);
	}

}
