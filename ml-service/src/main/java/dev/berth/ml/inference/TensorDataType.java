package dev.berth.ml.inference;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import ai.djl.ndarray.types.DataType;

/**
 * The Open Inference Protocol tensor datatypes this server can feed to and read from a
 * model. Constant names are the protocol's names. Not supported: INT16, which DJL 0.36's
 * PyTorch bridge cannot pass at all (creating an int16 tensor aborts the JVM in
 * libdjl_torch, and int16 outputs read as an unknown type), so a config or request naming
 * it is refused; FP16, BF16, UINT16/32/64 and BYTES, not implemented yet.
 */
public enum TensorDataType {

	BOOL(DataType.BOOLEAN), UINT8(DataType.UINT8), INT8(DataType.INT8), INT32(DataType.INT32), INT64(DataType.INT64),
	FP32(DataType.FLOAT32), FP64(DataType.FLOAT64);

	private final DataType djlType;

	TensorDataType(DataType djlType) {
		this.djlType = djlType;
	}

	/** The datatype with this protocol name (case-sensitive, as the protocol demands). */
	public static Optional<TensorDataType> fromProtocolName(String name) {
		return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
	}

	/** The supported names, for error messages. */
	public static String supportedNames() {
		return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
	}

	static Optional<TensorDataType> fromDjl(DataType djlType) {
		return Arrays.stream(values()).filter(type -> type.djlType == djlType).findFirst();
	}

	DataType djlType() {
		return djlType;
	}

	int byteSize() {
		return djlType.getNumOfBytes();
	}

}
