using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>Checks that a caller's shape describes its data before the request is accepted.</summary>
internal static class RequestShapes
{
    public static long[] Check(string name, int elementCount, ReadOnlySpan<long> shape)
    {
        if (shape.IsEmpty)
        {
            throw new TensorValidationException(name, $"Input '{name}' needs a shape (batch dimension first).");
        }

        long product = 1;
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                throw new TensorValidationException(name, $"Input '{name}' dimension {i} is {shape[i]}; a length cannot be negative.", i);
            }

            product = checked(product * shape[i]);
        }

        if (product != elementCount)
        {
            throw new TensorValidationException(name,
                $"Input '{name}' has {elementCount} elements but its shape [{string.Join(',', shape.ToArray())}] holds {product}.");
        }

        return shape.ToArray();
    }
}
