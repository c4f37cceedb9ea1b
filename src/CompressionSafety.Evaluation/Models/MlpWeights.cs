namespace CompressionSafety.Evaluation.Models;

/// <summary>A one-hidden-layer ReLU classifier, weights row-major: <c>W1[input, hidden]</c>, <c>W2[hidden, class]</c>.</summary>
/// <param name="Inputs">Number of input features.</param>
/// <param name="Hidden">Number of hidden units.</param>
/// <param name="Classes">Number of output classes.</param>
/// <param name="W1">First layer weights.</param>
/// <param name="B1">First layer bias.</param>
/// <param name="W2">Second layer weights.</param>
/// <param name="B2">Second layer bias.</param>
public sealed record MlpWeights(int Inputs, int Hidden, int Classes, float[] W1, float[] B1, float[] W2, float[] B2)
{
    /// <summary>A copy with both weight matrices replaced (biases kept), as compression does.</summary>
    /// <param name="w1">New first layer weights.</param>
    /// <param name="w2">New second layer weights.</param>
    /// <returns>The copy.</returns>
    public MlpWeights WithWeights(float[] w1, float[] w2) => this with { W1 = w1, W2 = w2 };
}
