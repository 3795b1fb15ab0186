//go:build !linux

package knowledge

func beforeDictLoad() {}
func afterDictLoad()  {}
