"""Network exposure: no public endpoint on data services or Kubernetes."""
