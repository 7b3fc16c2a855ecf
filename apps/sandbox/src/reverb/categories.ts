/** A Reverb category as `GET /categories/flat` names it. */
export interface ReverbCategory {
  uuid: string;
  full_name: string;
}

/**
 * Reverb's own instrument categories (uuid and full name), as real listings and a public
 * integration's category table show them. An account may add more through the control API.
 */
export const REVERB_CATEGORIES: readonly ReverbCategory[] = [
  { uuid: 'dfd39027-d134-4353-b9e4-57dc6be791b9', full_name: 'Electric Guitars' },
  { uuid: 'e57deb7a-382b-4e18-a008-67d4fbcb2879', full_name: 'Electric Guitars / Solid Body' },
  { uuid: '6a63ac2e-f2a5-4064-b6ea-0393f42ee497', full_name: 'Electric Guitars / Semi-Hollow' },
  { uuid: '5db35d7e-2b7e-4dcf-a73b-6a144c710956', full_name: 'Electric Guitars / Hollow Body' },
  { uuid: '367e1d5d-1185-4a1e-b283-8ec860dc1d5f', full_name: 'Electric Guitars / Archtop' },
  { uuid: '3ca3eb03-7eac-477d-b253-15ce603d2550', full_name: 'Acoustic Guitars' },
  { uuid: '630dc140-45e2-4371-b569-19405de321cc', full_name: 'Acoustic Guitars / Dreadnought' },
  { uuid: 'a7f470d1-266d-4495-b4d6-998cc84b7474', full_name: 'Acoustic Guitars / Classical' },
  { uuid: 'be24976f-ab6e-42e1-a29b-275e5fbca68f', full_name: 'Acoustic Guitars / Archtop' },
  { uuid: '53a9c7d7-d73d-4e7f-905c-553503e50a90', full_name: 'Bass Guitars' },
  { uuid: 'ac571749-28c7-4eec-a1d9-09dca3cf3e5f', full_name: 'Bass Guitars / 4-String' },
  { uuid: '3178be7d-f1cd-4da5-a606-bf3c1b8e834d', full_name: 'Bass Guitars / 5-String or More' },
  { uuid: '07276aa7-6f18-4cae-a691-e6043b002fa4', full_name: 'Bass Guitars / Short Scale' },
  { uuid: '09055aa7-ed49-459d-9452-aa959f288dc2', full_name: 'Amps' },
  { uuid: '19d53222-297e-410c-ba4f-b48678e917f9', full_name: 'Amps / Guitar Amps / Guitar Heads' },
  { uuid: '10335451-31e5-418a-8ed8-f48cd738f17d', full_name: 'Amps / Guitar Amps / Guitar Combos' },
  { uuid: 'f1b3d127-4158-43c3-934b-e402adc3d6ca', full_name: 'Amps / Guitar Amps / Guitar Cabinets' },
  { uuid: '892aa8b2-a209-49db-8ad2-eed758025a9d', full_name: 'Amps / Bass Amps / Bass Heads' },
  { uuid: '052c7288-b2e0-42d2-8927-2c9176ef1699', full_name: 'Amps / Bass Amps / Bass Combos' },
  { uuid: 'fa10f97c-dd98-4a8f-933b-8cb55eb653dd', full_name: 'Effects and Pedals' },
  { uuid: '9bee8b39-c5f1-4fa7-90af-38740fc21a73', full_name: 'Effects and Pedals / Overdrive and Boost' },
  { uuid: '732e30f0-21cf-4960-a3d4-bb90c68081db', full_name: 'Effects and Pedals / Distortion' },
  { uuid: '305e09a1-f9cb-4171-8a70-6428ad1b55a8', full_name: 'Effects and Pedals / Fuzz' },
  { uuid: '3b09f948-3462-4ac2-93b3-59dd66da787e', full_name: 'Effects and Pedals / Delay' },
  { uuid: '1738a9ae-6485-46c2-8ead-0807bb2e20e9', full_name: 'Effects and Pedals / Reverb' },
  { uuid: '15800d29-53a1-446e-8560-7a74a6d8d962', full_name: 'Effects and Pedals / Chorus and Vibrato' },
  { uuid: 'b753bcd4-2cc5-4ea1-8f01-c8b034012372', full_name: 'Effects and Pedals / Flanger' },
  { uuid: 'b021203f-1ed8-476c-a8fc-32d4e3b0ef9e', full_name: 'Pro Audio' },
  { uuid: '0f2bbf76-3225-44d5-8a5b-c540cc1fd058', full_name: 'Pro Audio / Microphones' },
  { uuid: 'd3c6e84c-5bb2-41a3-9a60-0e8b88edc515', full_name: 'Pro Audio / Outboard Gear / Microphone Preamps' },
  { uuid: 'd002db05-ab63-4c79-999c-d49bbe8d7739', full_name: 'Keyboards and Synths' },
  { uuid: 'c577b406-a405-45ec-a8eb-56fbe628fa19', full_name: 'Keyboards and Synths / Synths / Analog Synths' },
  { uuid: '75b1e4a3-dbb4-46c5-8386-fa18546e097a', full_name: 'Keyboards and Synths / Synths / Digital Synths' },
  { uuid: '148977b8-b308-4364-89fc-95859d2b3bc3', full_name: 'Keyboards and Synths / Electric Pianos' },
  { uuid: 'f4499585-f591-4401-9191-f7ba9fdeb02c', full_name: 'Keyboards and Synths / Organs' },
  { uuid: 'e36bdc32-abba-45e2-948b-ce60153cbdd9', full_name: 'Keyboards and Synths / Drum Machines' },
  { uuid: 'b3cb9f8e-4cb6-4325-8215-1efcd9999daf', full_name: 'Drums and Percussion' },
  { uuid: 'b905874b-ecdd-43f0-99e5-5c4d6857ff99', full_name: 'Drums and Percussion / Acoustic Drums / Full Acoustic Kits' },
  { uuid: 'caa94b2b-d52b-499c-b4bb-412568747078', full_name: 'Drums and Percussion / Electronic Drums / Modules' },
  { uuid: '93d86ecd-27e6-452c-9a43-16a0c5d547ab', full_name: 'Drums and Percussion / Cymbals / Other (Splash, China, etc)' },
];
