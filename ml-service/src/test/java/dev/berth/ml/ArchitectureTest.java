package dev.berth.ml;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the feature packages layered: protocol (HTTP) uses repository and inference,
 * repository uses inference, inference uses neither. The batcher and hot reload will slot
 * in without this changing.
 */
class ArchitectureTest {

	static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("dev.berth.ml");
	}

	@Test
	void inferenceKnowsNothingOfHttpOrTheRepositoryLayout() {
		noClasses().that()
			.resideInAPackage("..ml.inference..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..ml.repository..", "..ml.protocol..", "org.springframework.web..",
					"jakarta.servlet..")
			.check(classes);
	}

	@Test
	void repositoryKnowsNothingOfHttp() {
		noClasses().that()
			.resideInAPackage("..ml.repository..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..ml.protocol..", "org.springframework.web..")
			.check(classes);
	}

	@Test
	void hotReloadOnlyDecidesWhenAndLeavesLoadingToTheRepository() {
		noClasses().that()
			.resideInAPackage("..ml.reload..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..ml.inference..", "..ml.protocol..", "org.springframework.web..", "jakarta.servlet..")
			.check(classes);
	}

	@Test
	void batchingOnlySchedulesForwardPassesAndKnowsNothingOfHttpOrTheRepository() {
		noClasses().that()
			.resideInAPackage("..ml.batching..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("..ml.repository..", "..ml.protocol..", "org.springframework.web..",
					"jakarta.servlet..")
			.check(classes);
	}

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("dev.berth.ml.(*)..").should().beFreeOfCycles().check(classes);
	}

}
