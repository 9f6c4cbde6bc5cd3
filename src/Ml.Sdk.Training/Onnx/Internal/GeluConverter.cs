using TorchSharp;
using TorchSharp.Modules;

namespace Ml.Sdk.Training.Onnx.Internal;

/// <summary>
/// <c>GELU</c>: the <c>Gelu</c> operator from opset 20; before that, composed from elementary operators, exact
/// (<c>x/2 * (1 + erf(x/sqrt 2))</c>) or with the tanh approximation
/// (<c>x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))</c>), as the module is configured.
/// </summary>
internal sealed class GeluConverter : ModuleConverter<GELU>
{
    private const int FirstOpsetWithGelu = 20;

    protected override string Convert(OnnxGraphBuilder graph, GELU module, string input, string modulePath)
    {
        bool tanh = module.approximate == GELU.Approximate.tanh;
        if (graph.Opset >= FirstOpsetWithGelu)
        {
            return graph.AddNode("Gelu", [input], OnnxAttribute.String("approximate", tanh ? "tanh" : "none"));
        }

        string inner = tanh ? TanhApproximation(graph, input) : ErfTerm(graph, input);
        string onePlus = graph.AddNode("Add", [inner, Scalar(graph, "one", 1f)]);
        string scaled = graph.AddNode("Mul", [input, onePlus]);
        return graph.AddNode("Mul", [scaled, Scalar(graph, "half", 0.5f)]);
    }

    private static string ErfTerm(OnnxGraphBuilder graph, string input)
    {
        string divided = graph.AddNode("Div", [input, Scalar(graph, "sqrt2", MathF.Sqrt(2f))]);
        return graph.AddNode("Erf", [divided]);
    }

    private static string TanhApproximation(OnnxGraphBuilder graph, string input)
    {
        string square = graph.AddNode("Mul", [input, input]);
        string cube = graph.AddNode("Mul", [square, input]);
        string cubeTerm = graph.AddNode("Mul", [cube, Scalar(graph, "coefficient", 0.044715f)]);
        string sum = graph.AddNode("Add", [input, cubeTerm]);
        string argument = graph.AddNode("Mul", [sum, Scalar(graph, "sqrt_2_over_pi", MathF.Sqrt(2f / MathF.PI))]);
        return graph.AddNode("Tanh", [argument]);
    }

    private static string Scalar(OnnxGraphBuilder graph, string name, float value) => graph.AddInitializer(name, [value], []);
}
