// The web tests start servers and a browser; on a 2-core machine they are steadier one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
