package dev.berth.ml.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.berth.ml.TestFolders;
import dev.berth.ml.repository.RepositoryChange.ModelAdded;
import dev.berth.ml.repository.RepositoryChange.ModelChanged;
import dev.berth.ml.repository.RepositoryChange.ModelRemoved;
import dev.berth.ml.repository.RepositoryChange.VersionAdded;
import dev.berth.ml.repository.RepositoryChange.VersionChanged;
import dev.berth.ml.repository.RepositoryChange.VersionRemoved;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What hot reload finds to do, from a repository folder and what is served, without
 * loading any model: the registry holds mnist as ModelLifecycle would leave it.
 */
class ReloadPlannerTest {

	static final ModelKey MNIST = new ModelKey("mnist");

	static final VersionKey VERSION_1 = new VersionKey("mnist", "1");

	@TempDir
	Path root;

	ModelRegistry registry;

	RepositoryFolder folder;

	ReloadPlanner planner;

	@BeforeEach
	void setUp() {
		ModelRepositoryProperties properties = new ModelRepositoryProperties(root, false);
		registry = new ModelRegistry(properties);
		folder = new RepositoryFolder(properties);
		planner = new ReloadPlanner(folder, registry);
		TestFolders.copy(TestFolders.SHIPPED_MNIST, root.resolve("mnist"));
	}

	@Test
	void aModelFolderThatIsNotServedIsToBeAdded() {
		assertThat(planner.pendingChanges()).containsExactly(new ModelAdded(MNIST, folder.modelFingerprint("mnist")));
	}

	@Test
	void nothingIsPendingWhileTheFolderMatchesWhatIsServed() {
		serveMnistAsItIsOnDisk();

		assertThat(planner.pendingChanges()).isEmpty();
	}

	@Test
	void newAndRemovedVersionFoldersAreFound() {
		serveMnistAsItIsOnDisk();

		TestFolders.copy(root.resolve("mnist/1"), root.resolve("mnist/2"));
		TestFolders.delete(root.resolve("mnist/1"));

		VersionKey version2 = new VersionKey("mnist", "2");
		assertThat(planner.pendingChanges()).containsExactly(new VersionAdded(version2, folder.fingerprint(version2)),
				new VersionRemoved(VERSION_1));
	}

	@Test
	void refusedFilesAreNotTriedAgainUntilTheyChange() throws IOException {
		serveMnistAsItIsOnDisk();

		append(root.resolve("mnist/1/labels.txt"));
		String written = folder.fingerprint(VERSION_1);
		assertThat(planner.pendingChanges()).containsExactly(new VersionChanged(VERSION_1, written));

		planner.refused(VERSION_1, written, "cannot load");
		assertThat(planner.pendingChanges()).isEmpty();
		assertThat(planner.refusal(VERSION_1)).hasValue("cannot load");

		append(root.resolve("mnist/1/labels.txt"));
		assertThat(planner.pendingChanges())
			.containsExactly(new VersionChanged(VERSION_1, folder.fingerprint(VERSION_1)));
	}

	@Test
	void aChangedConfigReloadsTheWholeModel() throws IOException {
		serveMnistAsItIsOnDisk();

		append(root.resolve("mnist/config.yml"));

		assertThat(planner.pendingChanges()).containsExactly(new ModelChanged(MNIST, folder.modelFingerprint("mnist")));
	}

	@Test
	void aRemovedModelFolderRemovesTheModel() {
		serveMnistAsItIsOnDisk();

		TestFolders.delete(root.resolve("mnist"));

		assertThat(planner.pendingChanges()).containsExactly(new ModelRemoved(MNIST));
	}

	@Test
	void aModelUnloadedThroughTheManagementApiIsLeftAloneUntilItsFolderGoes() {
		planner.markUnloaded("mnist");
		assertThat(planner.pendingChanges()).isEmpty();

		TestFolders.delete(root.resolve("mnist"));
		planner.pendingChanges();

		assertThat(planner.unloadedModels()).isEmpty();
	}

	@Test
	void forgettingAModelForgetsItsVersionsAndNoOtherModel() {
		VersionKey otherModel = new VersionKey("mnist2", "1");
		planner.refused(MNIST, "config", "bad config");
		planner.refused(VERSION_1, "files", "bad files");
		planner.refused(otherModel, "files", "bad files");

		planner.forget(MNIST);

		assertThat(planner.refusal(MNIST)).isEmpty();
		assertThat(planner.refusal(VERSION_1)).isEmpty();
		assertThat(planner.refusal(otherModel)).hasValue("bad files");
	}

	/** What ModelLifecycle leaves behind once mnist is served from its current files. */
	private void serveMnistAsItIsOnDisk() {
		ServedModel mnist = folder.read("mnist");
		registry.put(mnist);
		planner.loaded(MNIST, folder.configFingerprint("mnist"));
		for (ModelVersion version : mnist.versions()) {
			VersionKey key = new VersionKey("mnist", version.version());
			planner.loaded(key, folder.fingerprint(key));
		}
	}

	private static void append(Path file) throws IOException {
		Files.writeString(file, "\n", StandardOpenOption.APPEND);
	}

}
