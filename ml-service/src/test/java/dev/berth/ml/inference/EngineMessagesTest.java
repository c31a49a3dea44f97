package dev.berth.ml.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineMessagesTest {

	@Test
	void keepsTheErrorLineOfATorchScriptTraceback() {
		String traceback = """
				The following operation failed in the TorchScript interpreter.
				Traceback of TorchScript, serialized code (most recent call last):
				  File "code/__torch__.py", line 17, in forward
				    x = torch.flatten(x0, 1)
				    fc1 = self.fc1
				RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x576 and 400x120)
				""";
		assertThat(EngineMessages.summary(new RuntimeException(traceback)))
			.isEqualTo("mat1 and mat2 shapes cannot be multiplied (1x576 and 400x120)");
	}

	@Test
	void cutsOtherMessagesToTheirFirstLine() {
		assertThat(EngineMessages.summary(new IllegalStateException("first line\nsecond line")))
			.isEqualTo("first line");
		assertThat(EngineMessages.summary(new IllegalStateException())).isEqualTo("IllegalStateException");
	}

}
