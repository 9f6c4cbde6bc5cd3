// libtorch's random generator is process-wide: tests that compare seeded fits (resume, determinism) must not share it
// with other tests initialising models at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
