using System.Runtime.InteropServices;

namespace Ml.Sdk.Serving.Internal;

/// <summary>Counts CUDA devices through the driver API (libcuda / nvcuda), without needing the CUDA toolkit.</summary>
internal static unsafe class CudaDriverProbe
{
    public static (int DeviceCount, string Detail) CountDevices()
    {
        string library = OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1";
        if (!NativeLibrary.TryLoad(library, out nint handle))
        {
            return (0, $"the NVIDIA driver library {library} is not installed");
        }

        if (!NativeLibrary.TryGetExport(handle, "cuInit", out nint init) || !NativeLibrary.TryGetExport(handle, "cuDeviceGetCount", out nint getCount))
        {
            return (0, $"{library} has no cuInit/cuDeviceGetCount");
        }

        int status = ((delegate* unmanaged<uint, int>)init)(0);
        if (status != 0)
        {
            return (0, $"cuInit failed with CUDA error {status} (no GPU visible, or a driver problem)");
        }

        int count = 0;
        status = ((delegate* unmanaged<int*, int>)getCount)(&count);
        return status == 0 ? (count, $"the driver sees {count} device(s)") : (0, $"cuDeviceGetCount failed with CUDA error {status}");
    }
}
