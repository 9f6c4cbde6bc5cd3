using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

internal sealed partial class ModelClient
{
    /// <summary>Checks a one-input, one-output request against the version's signature; returns its rows.</summary>
    private static int ValidateSingle<TInput, TOutput>(LoadedVersion version, int inputLength, int outputLength)
        where TInput : unmanaged
        where TOutput : unmanaged
    {
        ModelSignature signature = version.Signature;
        if (signature.Inputs.Length != 1 || signature.Outputs.Length != 1)
        {
            throw new TensorValidationException(signature.Inputs[0].Name,
                $"Model '{version.ModelName}' has {signature.Inputs.Length} input(s) and {signature.Outputs.Length} output(s) {signature}; " +
                "use InferAsync(InferenceRequest) with named inputs.");
        }

        TensorSpec input = signature.Inputs[0];
        TensorSpec output = signature.Outputs[0];
        CheckType<TInput>(input, "Input");
        CheckType<TOutput>(output, "Output");
        long rowElements = version.InputRowElements[0];
        long outputRowElements = version.OutputRowElements[0];
        if (rowElements < 0 || outputRowElements < 0 || input.Rank == 0)
        {
            throw new TensorValidationException(input.Name,
                $"Input '{input.Name}' of model '{version.ModelName}' has dynamic dimensions after the first ({input}); " +
                "give its shape with InferAsync(InferenceRequest).");
        }

        if (rowElements == 0 || inputLength % rowElements != 0)
        {
            throw new TensorValidationException(input.Name,
                $"Input '{input.Name}' has {inputLength} elements, which is not a whole number of rows of {rowElements} ({input}).");
        }

        int rows = (int)(inputLength / rowElements);
        CheckRows(version, input, rows);
        long needed = rows * outputRowElements;
        if (outputLength < needed)
        {
            throw new TensorValidationException(output.Name,
                $"The buffer for output '{output.Name}' holds {outputLength} elements but {rows} row(s) need {needed} ({output}).");
        }

        return rows;
    }

    /// <summary>Checks named inputs and output buffers against the version's signature; returns them in signature order and the rows.</summary>
    private static (RequestTensor[] Inputs, OutputDestination?[] Outputs, int Rows) ValidateGeneral(LoadedVersion version, InferenceRequest request)
    {
        ModelSignature signature = version.Signature;
        var inputs = new RequestTensor[signature.Inputs.Length];
        foreach (RequestTensor given in request.Inputs)
        {
            int index = IndexOf(signature.Inputs, given.Name);
            if (index < 0)
            {
                throw new TensorValidationException(given.Name,
                    $"Model '{version.ModelName}' has no input '{given.Name}'; its inputs are {string.Join(", ", signature.Inputs)}.");
            }

            if (inputs[index] is not null)
            {
                throw new TensorValidationException(given.Name, $"Input '{given.Name}' is given more than once.");
            }

            inputs[index] = given;
        }

        int rows = -1;
        Span<nint> lengths = stackalloc nint[16];
        for (int i = 0; i < inputs.Length; i++)
        {
            TensorSpec spec = signature.Inputs[i];
            RequestTensor given = inputs[i] ?? throw new TensorValidationException(spec.Name,
                $"Input '{spec.Name}' of model '{version.ModelName}' is missing ({spec}).");
            Span<nint> shape = given.Shape.Length <= lengths.Length ? lengths[..given.Shape.Length] : new nint[given.Shape.Length];
            for (int d = 0; d < shape.Length; d++)
            {
                shape[d] = checked((nint)given.Shape[d]);
            }

            spec.Validate(given.ElementType, shape);
            int inputRows = spec.Rank == 0 ? 1 : checked((int)given.Shape[0]);
            if (version.IsStacked && rows >= 0 && inputRows != rows)
            {
                throw new TensorValidationException(spec.Name,
                    $"Input '{spec.Name}' has {inputRows} row(s) but '{signature.Inputs[0].Name}' has {rows}; every input needs the same batch size.", 0);
            }

            rows = Math.Max(rows, inputRows);
            CheckRows(version, spec, inputRows);
        }

        var destinations = new OutputDestination?[signature.Outputs.Length];
        foreach (OutputDestination destination in request.Outputs)
        {
            int index = IndexOf(signature.Outputs, destination.Name);
            if (index < 0)
            {
                throw new TensorValidationException(destination.Name,
                    $"Model '{version.ModelName}' has no output '{destination.Name}'; its outputs are {string.Join(", ", signature.Outputs)}.");
            }

            TensorSpec spec = signature.Outputs[index];
            if (destination.ElementType != spec.ElementType)
            {
                throw new TensorValidationException(spec.Name,
                    $"The buffer for output '{spec.Name}' holds {TensorElementTypes.GetName(destination.ElementType)} but the output is {TensorElementTypes.GetName(spec.ElementType)} ({spec}).");
            }

            long rowElements = version.OutputRowElements[index];
            if (version.IsStacked && destination.Length < rows * rowElements)
            {
                throw new TensorValidationException(spec.Name,
                    $"The buffer for output '{spec.Name}' holds {destination.Length} elements but {rows} row(s) need {rows * rowElements} ({spec}).");
            }

            destinations[index] = destination;
        }

        return (inputs, destinations, Math.Max(rows, 1));
    }

    private static void CheckRows(LoadedVersion version, TensorSpec spec, int rows)
    {
        if (rows == 0)
        {
            throw new TensorValidationException(spec.Name, $"Input '{spec.Name}' has no rows.", 0);
        }

        if (spec.Rank > 0 && spec.Shape[0] > 0 && rows != spec.Shape[0])
        {
            throw new TensorValidationException(spec.Name,
                $"Input '{spec.Name}' dimension 0 has length {rows} but the signature expects {spec.Shape[0]} ({spec}).", 0);
        }

        if (rows > version.MaxBatchSize)
        {
            throw new TensorValidationException(spec.Name,
                $"Input '{spec.Name}' has {rows} rows, more than model '{version.ModelName}' takes in one batch ({version.MaxBatchSize}); split the request.", 0);
        }
    }

    private static void CheckType<T>(TensorSpec spec, string kind)
        where T : unmanaged
    {
        TensorElementType given = TensorElementTypes.Of<T>();
        if (given != spec.ElementType)
        {
            throw new TensorValidationException(spec.Name,
                $"{kind} '{spec.Name}' has element type {TensorElementTypes.GetName(given)} but the signature expects {TensorElementTypes.GetName(spec.ElementType)} ({spec}).");
        }
    }

    private static int IndexOf(System.Collections.Immutable.ImmutableArray<TensorSpec> specs, string name)
    {
        for (int i = 0; i < specs.Length; i++)
        {
            if (string.Equals(specs[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
